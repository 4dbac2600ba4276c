import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { AttachmentContentType, AttachmentRef, AttachmentStore } from '../../shared/closure/attachments';
import { keys } from '../store/keys';

/**
 * Attachments in the stack's attachments bucket (infra/constructs/attachments.ts): one object
 * per attachment under `closures/`, the only prefix the function may put and get.
 * Objects are never overwritten or deleted (ids are unique); the bucket is versioned anyway.
 */
export class S3AttachmentStore implements AttachmentStore {
  constructor(
    private readonly bucket: string,
    private readonly client: S3Client,
  ) {}

  async put(ref: AttachmentRef, bytes: Uint8Array, contentType: AttachmentContentType): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: keys.attachmentObject(ref.closureId, ref.id),
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.byteLength,
        // S3 checks the bytes it stored against this digest.
        ChecksumAlgorithm: 'SHA256',
      }),
    );
  }

  async get(ref: AttachmentRef): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: keys.attachmentObject(ref.closureId, ref.id) }));
      return out.Body ? await out.Body.transformToByteArray() : undefined;
    } catch (err) {
      if (err instanceof NoSuchKey) return undefined;
      throw err;
    }
  }
}

import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import type { AttachmentStore } from '../../shared/closure/attachments';
import { FileAttachmentStore } from './fs';
import { S3AttachmentStore } from './s3';

/**
 * Where closure attachments live, read once at module load:
 * - deployed: `ATTACHMENTS_BUCKET` (set by the stack on the function that serves the
 *   attachment routes) selects S3;
 * - locally: a directory, `GOVMEDIA_ATTACHMENTS_DIR` if set (the tests give each file a
 *   temporary one), else `attachments/` under `GOVMEDIA_DATA_DIR` (default `.data`).
 *
 * Only the spreadsheet function's wiring (and the local one) imports this module
 * (functions/wiring/attachments.ts), so the S3 client stays out of the main API bundle.
 */
export const attachmentConfig = {
  bucket: process.env.ATTACHMENTS_BUCKET || undefined,
  region: process.env.AWS_REGION || 'cn-north-1',
  dir: resolve(process.env.GOVMEDIA_ATTACHMENTS_DIR || join(process.env.GOVMEDIA_DATA_DIR ?? '.data', 'attachments')),
} as const;

export function createAttachmentStore(cfg: { bucket?: string; region: string; dir: string } = attachmentConfig): AttachmentStore {
  if (cfg.bucket) return new S3AttachmentStore(cfg.bucket, new S3Client({ region: cfg.region, maxAttempts: 3 }));
  return new FileAttachmentStore(cfg.dir);
}

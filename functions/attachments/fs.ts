import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { AttachmentContentType, AttachmentRef, AttachmentStore } from '../../shared/closure/attachments';
import { keys } from '../store/keys';

/** Attachments as files under one directory (local mode and tests): `<dir>/closures/<closureId>/<id>`, mode 0600. */
export class FileAttachmentStore implements AttachmentStore {
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(ref: AttachmentRef): string {
    const path = resolve(join(this.dir, keys.attachmentObject(ref.closureId, ref.id)));
    // Ids are validated at the route; this keeps a bad one from leaving the directory anyway.
    if (!path.startsWith(this.dir + sep)) throw new Error(`attachment path outside ${this.dir}`);
    return path;
  }

  async put(ref: AttachmentRef, bytes: Uint8Array, _contentType: AttachmentContentType): Promise<void> {
    const path = this.pathOf(ref);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Written whole or not at all: a reader never sees half a file.
    const tmp = `${path}.${process.pid}.tmp`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }

  async get(ref: AttachmentRef): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(ref)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  }
}

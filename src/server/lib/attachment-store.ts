import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface StoredBlob {
  key: string;
  size: number;
  sha256: string;
}

/**
 * Where attachment content lives. Keys are random UUIDs chosen here, never names a client sent,
 * so content is reachable only through a route that checks the agency (ARCHITECTURE §3).
 * Local disk today; an S3-compatible store would implement the same four calls.
 */
export interface AttachmentStore {
  write(agencyId: string, source: Readable): Promise<StoredBlob>;
  open(agencyId: string, key: string): Readable;
  read(agencyId: string, key: string): Promise<Buffer>;
  remove(agencyId: string, key: string): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function createDiskStore(root: string): AttachmentStore {
  // Both parts are UUIDs: nothing a caller passes can climb out of the root.
  const pathOf = (agencyId: string, key: string) => {
    if (!UUID.test(agencyId) || !UUID.test(key)) throw new Error('attachment key is not a UUID');
    return join(root, agencyId, key);
  };

  return {
    async write(agencyId, source) {
      const key = randomUUID();
      const path = pathOf(agencyId, key);
      await mkdir(join(root, agencyId), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const meter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      try {
        await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
      } catch (error) {
        await rm(path, { force: true });
        throw error;
      }
      return { key, size, sha256: hash.digest('hex') };
    },
    open: (agencyId, key) => createReadStream(pathOf(agencyId, key)),
    read: (agencyId, key) => readFile(pathOf(agencyId, key)),
    remove: (agencyId, key) => rm(pathOf(agencyId, key), { force: true }),
  };
}

// A layer blob may be a plain tar, gzip or zstd whatever its media type says (engines and registries disagree on
// media types; the bytes do not): the first bytes decide.
import { type Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';

const GZIP = Buffer.from([0x1f, 0x8b]);
const ZSTD = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);

export type Compression = 'gzip' | 'zstd' | 'none';

export function detectCompression(head: Buffer): Compression {
  if (head.subarray(0, 2).equals(GZIP)) return 'gzip';
  if (head.subarray(0, 4).equals(ZSTD)) return 'zstd';
  return 'none';
}

/** Resolves with the stream's first bytes, put back so the stream still reads from its start. */
export async function peek(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let have = 0;
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(chunk);
      have += chunk.length;
      if (have >= bytes) break;
      continue;
    }
    if (stream.readableEnded) break;
    const ended = await new Promise<boolean>((resolve, reject) => {
      const cleanup = () => {
        stream.off('readable', onReadable);
        stream.off('end', onEnd);
        stream.off('error', onError);
      };
      const onReadable = () => {
        cleanup();
        resolve(false);
      };
      const onEnd = () => {
        cleanup();
        resolve(true);
      };
      const onError = (err: Error) => {
        cleanup();
        reject(err);
      };
      stream.once('readable', onReadable).once('end', onEnd).once('error', onError);
    });
    if (ended) break;
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0) stream.unshift(head);
  return head.subarray(0, bytes);
}

/** The tar stream inside, whatever the compression. */
export function decompressor(compression: Compression): Transform {
  // Larger chunks than the 16 KiB default: fewer hand-overs between the zlib thread and the tar parser.
  if (compression === 'gzip') return createGunzip({ chunkSize: 256 * 1024 });
  if (compression === 'zstd') return zstdTransform();
  return new Transform({ transform: (chunk, _encoding, done) => done(null, chunk) });
}

function zstdTransform(): Transform {
  let decoder: Decompress;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      try {
        decoder.push(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      try {
        decoder.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  decoder = new Decompress((data) => {
    transform.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  return transform;
}

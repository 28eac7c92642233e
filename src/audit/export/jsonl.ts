// JSON lines to a local file, one event per line, for a log shipper to tail (Fluent Bit `tail`, Vector `file`,
// Filebeat `filestream`). Rotation by size renames FILE → FILE.1 → … → FILE.keep, as logrotate does, which those
// shippers follow by inode. Each batch is fsynced before it counts as delivered.
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';

const config = destinationOptions('jsonl', {
  path: z.string().trim().min(1),
  /** Rotate before a batch would take the file past this size. */
  maxBytes: z
    .number()
    .int()
    .min(4_096)
    .max(1024 ** 4)
    .default(100 * 1024 * 1024),
  /** Rotated files kept (FILE.1 … FILE.keep); 0 keeps none. */
  keep: z.number().int().min(0).max(100).default(5),
});
export type JsonlConfig = z.infer<typeof config>;

export const jsonl: DestinationKind<typeof config> = {
  kind: 'jsonl',
  config,
  create: (options) => createJsonlDestination(options),
};

export function createJsonlDestination(
  options: Pick<JsonlConfig, 'name' | 'path' | 'maxBytes' | 'keep'>,
): Destination {
  return {
    name: options.name,
    kind: 'jsonl',
    async deliver(events: readonly DeliveryEvent[]): Promise<void> {
      const text = events.map((e) => `${JSON.stringify(e.body)}\n`).join('');
      try {
        await mkdir(dirname(options.path), { recursive: true, mode: 0o700 });
        const size = await stat(options.path).then(
          (s) => s.size,
          () => 0,
        );
        if (size > 0 && size + Buffer.byteLength(text) > options.maxBytes)
          await rotate(options.path, options.keep);
        const handle = await open(options.path, 'a', 0o600);
        try {
          await handle.writeFile(text);
          await handle.sync();
        } finally {
          await handle.close();
        }
      } catch (err) {
        // A full disk or a permission an operator will fix: the batch stays spooled and is tried again.
        const code =
          (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
        throw new DeliveryError(`cannot write ${options.path} (${code})`, true);
      }
    },
    close: async () => {},
  };
}

async function rotate(path: string, keep: number): Promise<void> {
  if (keep === 0) {
    await rm(path, { force: true });
    return;
  }
  for (let i = keep - 1; i >= 1; i -= 1) {
    await rename(`${path}.${i}`, `${path}.${i + 1}`).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }
  await rename(path, `${path}.1`);
}

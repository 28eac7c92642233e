// Falco's JSON output as an input, for sites that already run Falco: follows a file Falco appends to (like
// `tail -F`: new lines from the end, starting over when the file is truncated or replaced) or reads standard
// input, and hands each alert on. Malformed lines are counted and reported, never fatal.
import { type FileHandle, open, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Alert } from '../../../core/runtime/alert.js';
import { createLineSplitter } from '../lines.js';
import type { Sensor, SensorStatus } from '../sensor.js';
import { parseFalcoLine } from './parse.js';

export { parseFalcoLine } from './parse.js';

export interface FalcoJsonSensorOptions {
  /** A file Falco writes JSON lines to, or `-` for standard input. */
  readonly path: string;
  readonly onAlert: (alert: Alert) => void;
  /** Malformed lines, one message each (the first few; then counted only). */
  readonly onDiagnostic?: (line: string) => void;
  readonly stdin?: Readable;
  readonly pollMs?: number;
}

const MAX_LINE_BYTES = 256 * 1024;
const READ_CHUNK = 256 * 1024;
const MAX_DIAGNOSTICS = 20;

export function createFalcoJsonSensor(options: FalcoJsonSensorOptions): Sensor {
  let state: SensorStatus['state'] = 'stopped';
  let alerts = 0;
  let malformed = 0;
  let note: string | undefined;
  const where = options.path === '-' ? 'standard input' : options.path;

  const splitter = createLineSplitter(MAX_LINE_BYTES, (line) => {
    if (line.trim() === '') return;
    const parsed = parseFalcoLine(line);
    if ('error' in parsed) {
      malformed++;
      if (malformed <= MAX_DIAGNOSTICS)
        options.onDiagnostic?.(`${where}: a line is not a Falco alert: ${parsed.error}`);
      return;
    }
    alerts++;
    options.onAlert(parsed);
  });

  async function follow(signal: AbortSignal): Promise<void> {
    let handle: FileHandle | undefined;
    let position = 0;
    let inode = -1;
    const buffer = Buffer.alloc(READ_CHUNK);
    try {
      while (!signal.aborted) {
        const info = await stat(options.path).catch(() => undefined);
        if (info !== undefined && (info.ino !== inode || info.size < position)) {
          // Replaced (rotated) or truncated: read the new file from its start; at the first open, from its end.
          await handle?.close();
          handle = await open(options.path, 'r');
          position = inode === -1 ? info.size : 0;
          inode = info.ino;
        }
        if (handle !== undefined && info !== undefined && info.size > position) {
          const { bytesRead } = await handle.read(
            buffer,
            0,
            Math.min(READ_CHUNK, info.size - position),
            position,
          );
          position += bytesRead;
          splitter.push(buffer.subarray(0, bytesRead));
          if (bytesRead === READ_CHUNK) continue;
        }
        await new Promise((r) => setTimeout(r, options.pollMs ?? 200));
      }
    } finally {
      await handle?.close();
    }
  }

  return {
    id: 'falco-json',
    status: () => ({
      id: 'falco-json',
      state,
      events: alerts,
      lost: 0,
      note: [
        `Falco alerts from ${where}`,
        malformed > 0 ? `${malformed} malformed lines skipped` : undefined,
        note,
      ]
        .filter(Boolean)
        .join('; '),
    }),
    async start() {
      state = 'starting';
      const controller = new AbortController();
      let loop: Promise<void>;
      if (options.path === '-') {
        const input = options.stdin ?? process.stdin;
        const onData = (chunk: Buffer) => splitter.push(chunk);
        input.on('data', onData);
        loop = new Promise<void>((done) => {
          input.once('end', done);
          controller.signal.addEventListener('abort', () => done(), { once: true });
        }).finally(() => input.off('data', onData));
      } else {
        const info = await stat(options.path).catch((err: NodeJS.ErrnoException) => {
          throw new Error(`cannot read Falco's output ${options.path}: ${err.code ?? err.message}`);
        });
        if (!info.isFile()) throw new Error(`Falco's output ${options.path} is not a regular file`);
        loop = follow(controller.signal).catch((err: Error) => {
          state = 'failed';
          note = `reading ${options.path} failed: ${err.message}`;
        });
      }
      state = 'running';
      return async () => {
        controller.abort();
        await loop;
        if (state !== 'failed') state = 'stopped';
      };
    },
  };
}

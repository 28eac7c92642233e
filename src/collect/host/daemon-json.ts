// Reads the daemon's configuration file (/etc/docker/daemon.json or --config-file). A missing file is normal; a
// malformed one is reported by path and JSON error, never thrown, so the rest of the scan still runs.
import type { DaemonOptions } from '../../core/inventory/daemon.js';
import { describeFsError, readBounded } from '../read-bounded.js';

export const DEFAULT_DAEMON_JSON = '/etc/docker/daemon.json';
/** dockerd itself reads the whole file; a real one is a few KiB. */
const MAX_DAEMON_JSON_BYTES = 1024 * 1024;

export type DaemonJsonResult =
  | { status: 'read'; path: string; options: DaemonOptions }
  | { status: 'missing'; path: string }
  | { status: 'error'; path: string; error: string };

/** Pure: JSON text → options in the DaemonOptions shape, or an error naming the file. */
export function parseDaemonJson(text: string, path: string): DaemonJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { status: 'error', path, error: `${path}: invalid JSON (${(err as Error).message})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { status: 'error', path, error: `${path}: the top level must be a JSON object` };
  }
  const options: DaemonOptions = {};
  for (const [key, raw] of Object.entries(value)) {
    const option = toOption(raw);
    if (option !== undefined) options[key] = option;
  }
  return { status: 'read', path, options };
}

/** Numbers become strings, as the same value given as a flag would be; null means unset. */
function toOption(raw: unknown): DaemonOptions[string] | undefined {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return String(raw);
  if (Array.isArray(raw)) return raw.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  if (typeof raw === 'object') return raw as Record<string, unknown>;
  return String(raw);
}

export async function readDaemonJson(path: string = DEFAULT_DAEMON_JSON): Promise<DaemonJsonResult> {
  let text: string;
  try {
    text = (await readBounded(path, MAX_DAEMON_JSON_BYTES)).toString('utf8');
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return { status: 'missing', path };
    return { status: 'error', path, error: `${path}: cannot read (${describeFsError(err)})` };
  }
  return parseDaemonJson(text, path);
}

// Hands a finished report to the caller's stream and waits until the stream has taken it (or failed).
import type { Writable } from 'node:stream';

export function writeText(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, 'utf8', (err) => (err ? reject(err) : resolve()));
  });
}

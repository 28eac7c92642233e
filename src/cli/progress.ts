// Progress while collecting: one rewritten line on a TTY, nothing otherwise (pipes and CI logs stay clean).
import type { CollectProgress } from '../core/collector.js';

export function createProgress(
  stream: NodeJS.WriteStream = process.stderr,
): CollectProgress & { done(): void } {
  if (!stream.isTTY) return { step() {}, done() {} };
  let isShown = false;
  return {
    step(label, done, total) {
      const count = total === undefined ? '' : ` ${done ?? 0}/${total}`;
      stream.write(`\r\x1b[2K  … ${label}${count}`);
      isShown = true;
    },
    done() {
      if (isShown) stream.write('\r\x1b[2K');
      isShown = false;
    },
  };
}

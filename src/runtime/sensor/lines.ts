// Splits a byte stream into lines with a bound: a line longer than the bound is dropped (and counted), never
// buffered whole.

export interface LineSplitter {
  /** Feeds a chunk; calls `onLine` for every complete line. */
  push(chunk: Buffer): void;
  /** Lines dropped because they exceeded the bound. */
  readonly dropped: number;
}

export function createLineSplitter(maxBytes: number, onLine: (line: string) => void): LineSplitter {
  let parts: Buffer[] = [];
  let size = 0;
  let isSkipping = false;
  let dropped = 0;
  return {
    get dropped() {
      return dropped;
    },
    push(chunk) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        const end = nl < 0 ? chunk.length : nl;
        const piece = chunk.subarray(start, end);
        if (!isSkipping) {
          if (size + piece.length > maxBytes) {
            isSkipping = true;
            dropped++;
            parts = [];
            size = 0;
          } else if (piece.length > 0) {
            parts.push(piece);
            size += piece.length;
          }
        }
        if (nl < 0) return;
        if (!isSkipping) onLine(Buffer.concat(parts, size).toString('utf8'));
        parts = [];
        size = 0;
        isSkipping = false;
        start = nl + 1;
      }
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createDemuxer } from './engine-streams.js';

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('log demultiplexing', () => {
  it('keeps the payloads of stdout and stderr frames in order', () => {
    const demux = createDemuxer();
    expect(demux(Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n')])).toString()).toBe('out\nerr\n');
  });

  it('joins frames split across chunks, byte by byte', () => {
    const demux = createDemuxer();
    const bytes = Buffer.concat([frame(1, 'hello '), frame(2, 'world\n')]);
    const out = [...bytes].map((b) => demux(Buffer.from([b])).toString()).join('');
    expect(out).toBe('hello world\n');
  });

  it('holds a truncated frame back instead of emitting a partial header as text', () => {
    const demux = createDemuxer();
    expect(demux(frame(1, 'complete').subarray(0, 10)).length).toBe(0);
  });
});

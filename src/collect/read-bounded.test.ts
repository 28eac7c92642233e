import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeFsError, FileTooLargeError, readBounded } from './read-bounded.js';

describe('readBounded', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-bounded-'));
    await writeFile(join(dir, 'ten'), '0123456789');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a file up to and at the limit', async () => {
    expect((await readBounded(join(dir, 'ten'), 10)).toString()).toBe('0123456789');
    expect((await readBounded(join(dir, 'ten'), 100)).toString()).toBe('0123456789');
  });

  it('refuses a file over the limit instead of truncating it', async () => {
    await expect(readBounded(join(dir, 'ten'), 9)).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('passes fs errors through with their code', async () => {
    const err = await readBounded(join(dir, 'missing'), 10).catch((e: unknown) => e);
    expect(describeFsError(err)).toBe('does not exist');
    expect(describeFsError(await readBounded(dir, 10).catch((e: unknown) => e))).toBe('EISDIR');
  });
});

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDaemonJson, readDaemonJson } from './daemon-json.js';

describe('parseDaemonJson', () => {
  it('keeps daemon.json keys and value shapes; numbers become strings, null is unset', () => {
    const text = JSON.stringify({
      icc: false,
      'log-level': 'info',
      'insecure-registries': ['a:5000'],
      'log-opts': { 'max-size': '10m' },
      'max-concurrent-downloads': 3,
      'default-runtime': null,
    });
    expect(parseDaemonJson(text, '/etc/docker/daemon.json')).toEqual({
      status: 'read',
      path: '/etc/docker/daemon.json',
      options: {
        icc: false,
        'log-level': 'info',
        'insecure-registries': ['a:5000'],
        'log-opts': { 'max-size': '10m' },
        'max-concurrent-downloads': '3',
      },
    });
  });

  it.each([
    ['{ "icc": false, }', 'invalid JSON'],
    ['', 'invalid JSON'],
    ['[1, 2]', 'the top level must be a JSON object'],
    ['"icc"', 'the top level must be a JSON object'],
    ['null', 'the top level must be a JSON object'],
  ])('reports %j as an error naming the file', (text, message) => {
    const result = parseDaemonJson(text, '/srv/daemon.json');
    expect(result.status).toBe('error');
    expect(result.status === 'error' && result.error).toMatch(new RegExp(`^/srv/daemon.json: ${message}`));
  });
});

describe('readDaemonJson', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cgtest-daemon-json-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads a valid file', async () => {
    const path = join(dir, 'ok.json');
    await writeFile(path, '{"live-restore": true}');
    expect(await readDaemonJson(path)).toEqual({ status: 'read', path, options: { 'live-restore': true } });
  });

  it('treats a missing file as normal, not an error', async () => {
    const path = join(dir, 'absent.json');
    expect(await readDaemonJson(path)).toEqual({ status: 'missing', path });
  });

  it('reports a malformed file with the JSON error', async () => {
    const path = join(dir, 'bad.json');
    await writeFile(path, '{"icc": fals}');
    const result = await readDaemonJson(path);
    expect(result).toMatchObject({ status: 'error', path });
    expect(result.status === 'error' && result.error).toContain(`${path}: invalid JSON (`);
  });

  it('refuses a file too large to be a daemon configuration', async () => {
    const path = join(dir, 'huge.json');
    await writeFile(path, `{"x": "${'a'.repeat(1024 * 1024)}"}`);
    const result = await readDaemonJson(path);
    expect(result.status === 'error' && result.error).toMatch(/cannot read .*larger than 1048576 bytes/);
  });

  it('reports a directory in place of the file', async () => {
    const result = await readDaemonJson(dir);
    expect(result.status === 'error' && result.error).toBe(`${dir}: cannot read (EISDIR)`);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file it may not read', async () => {
    const path = join(dir, 'secret.json');
    await writeFile(path, '{}');
    await chmod(path, 0o000);
    const result = await readDaemonJson(path);
    expect(result.status === 'error' && result.error).toBe(`${path}: cannot read (permission denied)`);
  });
});

import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../../core/runtime/alert.js';
import { createFalcoJsonSensor } from './index.js';

const line = (rule: string) =>
  `${JSON.stringify({ rule, output: `${rule} happened`, priority: 'Warning', time: '2026-11-22T10:00:00Z' })}\n`;

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('Falco JSON input', () => {
  it('follows a file from its end like tail -F: appends, partial lines, truncation and rotation', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cgtest-falco-'));
    dirs.push(dir);
    const file = join(dir, 'falco.json');
    await writeFile(file, line('old alert'));
    const alerts: Alert[] = [];
    const diagnostics: string[] = [];
    const sensor = createFalcoJsonSensor({
      path: file,
      pollMs: 10,
      onAlert: (a) => alerts.push(a),
      onDiagnostic: (d) => diagnostics.push(d),
    });
    const stop = await sensor.start(() => {});
    try {
      await appendFile(file, `${line('one')}not json\n${line('two').slice(0, 20)}`);
      await new Promise((r) => setTimeout(r, 50));
      await appendFile(file, line('two').slice(20));
      await until(() => alerts.length === 2);
      expect(alerts.map((a) => a.rule)).toEqual(['one', 'two']);
      expect(diagnostics).toEqual([
        expect.stringMatching(/falco\.json: a line is not a Falco alert: not JSON/),
      ]);

      await writeFile(file, line('after truncation'));
      await until(() => alerts.length === 3);
      await rename(file, `${file}.1`);
      await writeFile(file, line('after rotation'));
      await until(() => alerts.length === 4);
      expect(alerts.map((a) => a.rule).slice(2)).toEqual(['after truncation', 'after rotation']);
      expect(sensor.status()).toMatchObject({ id: 'falco-json', state: 'running', events: 4 });
      expect(sensor.status().note).toMatch(/1 malformed lines skipped/);
    } finally {
      await stop();
    }
    expect(sensor.status().state).toBe('stopped');
  });

  it('reads standard input, and refuses to start on a missing file, naming it', async () => {
    const stdin = new PassThrough();
    const alerts: Alert[] = [];
    const sensor = createFalcoJsonSensor({ path: '-', stdin, onAlert: (a) => alerts.push(a) });
    const stop = await sensor.start(() => {});
    stdin.write(line('from stdin'));
    await until(() => alerts.length === 1);
    await stop();
    expect(sensor.status().note).toMatch(/standard input/);

    const missing = createFalcoJsonSensor({ path: '/nonexistent/falco.json', onAlert: () => {} });
    await expect(missing.start(() => {})).rejects.toThrow(/\/nonexistent\/falco\.json: ENOENT/);
  });
});

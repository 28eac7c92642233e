// `coastguard agent status` against a real watch (the /proc fallback here): the command shows it running with
// its sensors and what the fallback cannot see; after it stops, the status left behind is still readable.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerAgent } from '../../src/cli/commands/agent.js';
import { runWatch, type WatchSummary } from '../../src/pipeline/watch.js';
import { readAgentState } from '../../src/runtime/status/index.js';
import { ensureEngine } from '../support/engine.js';

async function agentStatus(...args: string[]): Promise<string> {
  const program = new Command().exitOverride();
  registerAgent(program);
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    await program.parseAsync(['node', 'coastguard', 'agent', 'status', ...args]);
  } finally {
    spy.mockRestore();
  }
  return out;
}

describe('coastguard agent status', () => {
  let home: string;
  const controller = new AbortController();
  let watching: Promise<WatchSummary> | undefined;

  beforeAll(async () => {
    await ensureEngine();
    home = await mkdtemp(join(tmpdir(), 'cgtest-h6b-home-'));
    process.env.COASTGUARD_HOME = home;
  }, 60_000);

  afterAll(async () => {
    controller.abort();
    await watching?.catch(() => undefined);
  });

  it('says no agent runs before one started', async () => {
    expect(await agentStatus()).toMatch(/No agent status/);
  });

  it('shows the running agent with its fallback and blind spots, as a table and as JSON', async () => {
    let markReady: () => void = () => {};
    const ready = new Promise<void>((r) => {
      markReady = r;
    });
    watching = runWatch({
      output: new PassThrough(),
      signal: controller.signal,
      kernelSensor: 'proc-scan',
      home,
      statusIntervalMs: 200,
      onReady: () => markReady(),
    });
    await Promise.race([ready, watching]);
    // The first status is written right after the sensors start.
    for (let i = 0; i < 50 && (await readAgentState(home)).kind === 'none'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }

    const table = await agentStatus();
    expect(table).toMatch(new RegExp(`Agent running \\(pid ${process.pid}\\)`));
    expect(table).toMatch(/proc-scan\s+running\s+\d+\s+0\s+fallback \(proc-scan requested\)/);
    expect(table).toMatch(/docker-events\s+running/);
    expect(table).toMatch(/Cannot see with these sensors:[\s\S]*network connections/);
    expect(table).toMatch(/Rules loaded: [1-9]\d*; refused: 0/);

    const state = JSON.parse(await agentStatus('--format', 'json')) as {
      kind: string;
      status: { pid: number; sensors: { id: string }[] };
    };
    expect(state.kind).toBe('running');
    expect(state.status.sensors.map((s) => s.id)).toEqual(['proc-scan', 'docker-events']);
  }, 60_000);

  it('writes a final status with the sensors stopped when the watch ends', async () => {
    controller.abort();
    const summary = await watching;
    const state = await readAgentState(home);
    expect(state.kind).toBe('running');
    if (state.kind !== 'running') return;
    expect(state.status.sensors.map((s) => s.state)).toEqual(['stopped', 'stopped']);
    expect(state.status.alerts).toBe(summary?.alerts);
  }, 30_000);
});

import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AgentStatus, agentStatusPath, readAgentState, writeAgentStatus } from './index.js';

function status(pid: number, updatedAt: string): AgentStatus {
  return {
    pid,
    since: '2026-01-01T00:00:00.000Z',
    updatedAt,
    sensors: [{ id: 'proc-scan', state: 'running', events: 3, lost: 0, note: 'fallback' }],
    rulesLoaded: 12,
    rulesRefused: [{ source: 'r.yaml:4', reason: 'rules-unknown-field: x.y' }],
    alerts: 2,
    blindSpots: ['network connections'],
  };
}

/** A pid that certainly exited: a child we ran to completion. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid ?? 0;
}

describe('agent status file', () => {
  it('is none when no agent has written one', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    expect(await readAgentState(home)).toEqual({ kind: 'none' });
  });

  it('reads back a live agent as running, written atomically with no temporary file left', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    const now = new Date();
    await writeAgentStatus(home, status(process.pid, now.toISOString()));
    const state = await readAgentState(home, now.getTime() + 1_000);
    expect(state.kind).toBe('running');
    expect(state.kind === 'running' && state.status.rulesRefused[0]?.source).toBe('r.yaml:4');
    expect(await readdir(join(home, 'agent'))).toEqual(['status.json']);
  });

  it('is stale when the pid is gone, and says so', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    const pid = deadPid();
    await writeAgentStatus(home, status(pid, new Date().toISOString()));
    const state = await readAgentState(home);
    expect(state).toMatchObject({ kind: 'stale', reason: `process ${pid} is gone` });
  });

  it('is stale when not refreshed in time although the pid lives', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    await writeAgentStatus(home, status(process.pid, '2026-01-01T00:00:00.000Z'));
    const state = await readAgentState(home, Date.parse('2026-01-01T00:05:00.000Z'), 30_000);
    expect(state).toMatchObject({ kind: 'stale', reason: expect.stringMatching(/not updated for 300 s/) });
  });

  it.each([
    ['truncated JSON', '{"pid": 1, "since"', /not valid JSON/],
    ['another shape', '{"pid": "x"}', /does not hold an agent status/],
    ['a JSON array', '[]', /does not hold an agent status/],
  ])('refuses %s naming the file', async (_name, text, message) => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    await mkdir(join(home, 'agent'));
    await writeFile(agentStatusPath(home), text);
    await expect(readAgentState(home)).rejects.toThrow(message);
    await expect(readAgentState(home)).rejects.toThrow(agentStatusPath(home));
  });

  it('refuses a huge file without parsing it', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    await mkdir(join(home, 'agent'));
    await writeFile(agentStatusPath(home), ' '.repeat(2 * 1024 * 1024));
    await expect(readAgentState(home)).rejects.toThrow(/larger than/);
  });

  it('writes the file owner-only', async () => {
    const home = await mkdtemp(join(tmpdir(), 'cgtest-status-'));
    await writeAgentStatus(home, status(process.pid, new Date().toISOString()));
    const { stat } = await import('node:fs/promises');
    expect((await stat(agentStatusPath(home))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(agentStatusPath(home), 'utf8')).pid).toBe(process.pid);
  });
});

// The running agent's status file ($COASTGUARD_HOME/agent/status.json): written atomically every few seconds by
// the agent, read by `coastguard agent status`, which tells a live agent from a stale file by its pid.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CoastguardError } from '../../core/errors.js';
import type { SensorStatus } from '../sensor/sensor.js';

export interface RefusedRule {
  /** `file:line` of the refused rule. */
  readonly source: string;
  readonly reason: string;
}

export interface AgentStatus {
  readonly pid: number;
  /** ISO time the agent started. */
  readonly since: string;
  /** ISO time this status was written. */
  readonly updatedAt: string;
  readonly sensors: readonly SensorStatus[];
  readonly rulesLoaded: number;
  readonly rulesRefused: readonly RefusedRule[];
  /** Alert lines written since start. */
  readonly alerts: number;
  /** What the agent cannot see here (the /proc fallback's gaps), empty when it sees everything it watches for. */
  readonly blindSpots: readonly string[];
}

export type AgentState =
  | { readonly kind: 'none' }
  | { readonly kind: 'running'; readonly status: AgentStatus }
  | { readonly kind: 'stale'; readonly status: AgentStatus; readonly reason: string };

/** The status file is bounded: a larger one is not ours. */
const MAX_STATUS_BYTES = 1024 * 1024;

export function agentStatusPath(home: string): string {
  return join(home, 'agent', 'status.json');
}

/** Writes via a temporary file and rename, so a reader never sees half a status. */
export async function writeAgentStatus(home: string, status: AgentStatus): Promise<void> {
  const dir = join(home, 'agent');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.status.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(status, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, agentStatusPath(home));
}

function isAgentStatus(v: unknown): v is AgentStatus {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    Number.isSafeInteger(s.pid) &&
    typeof s.since === 'string' &&
    typeof s.updatedAt === 'string' &&
    Array.isArray(s.sensors) &&
    typeof s.rulesLoaded === 'number' &&
    Array.isArray(s.rulesRefused) &&
    typeof s.alerts === 'number' &&
    Array.isArray(s.blindSpots)
  );
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The agent's state: none when no status file exists, stale when its pid is gone or it was not refreshed within
 * `staleAfterMs`, else running. A malformed file is a BAD_INPUT error naming it.
 */
export async function readAgentState(
  home: string,
  now = Date.now(),
  staleAfterMs = 30_000,
): Promise<AgentState> {
  const path = agentStatusPath(home);
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_STATUS_BYTES) {
      throw new CoastguardError(
        'BAD_INPUT',
        `The agent status file ${path} is larger than ${MAX_STATUS_BYTES} bytes.`,
      );
    }
    text = buf.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError(
      'BAD_INPUT',
      `Cannot read the agent status file ${path}: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new CoastguardError(
      'BAD_INPUT',
      `The agent status file ${path} is not valid JSON: ${(err as Error).message}`,
      {
        cause: err,
      },
    );
  }
  if (!isAgentStatus(parsed)) {
    throw new CoastguardError('BAD_INPUT', `The agent status file ${path} does not hold an agent status.`);
  }
  if (!isAlive(parsed.pid)) {
    return { kind: 'stale', status: parsed, reason: `process ${parsed.pid} is gone` };
  }
  const age = now - Date.parse(parsed.updatedAt);
  if (!(age <= staleAfterMs)) {
    return {
      kind: 'stale',
      status: parsed,
      reason: `not updated for ${Math.round(age / 1000)} s (process ${parsed.pid} may be hung)`,
    };
  }
  return { kind: 'running', status: parsed };
}

// CRIU checkpoints (`docker checkpoint create`) as an optional capture: only where the daemon runs with
// --experimental and `criu check` passes. Debian's CRIU 3.17 fails on recent kernels (vDSO errors), so
// unavailability is a recorded reason, never a failed capture.
import { execFile } from 'node:child_process';
import { type EngineClient, requestEngine } from '../../collect/docker/engine-client.js';

export type CheckpointSupport = { isAvailable: true } | { isAvailable: false; reason: string };

const CRIU_CHECK_TIMEOUT_MS = 20_000;
const MAX_CRIU_OUTPUT = 64 * 1024;

/** Runs `criu check` (no shell); resolves with its combined output and whether it passed. */
export function runCriuCheck(criu = 'criu'): Promise<{ isOk: boolean; output: string }> {
  return new Promise((resolve) => {
    execFile(
      criu,
      ['check'],
      { timeout: CRIU_CHECK_TIMEOUT_MS, maxBuffer: MAX_CRIU_OUTPUT },
      (err, stdout, stderr) => {
        const output = `${stdout}${stderr}`.trim();
        if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
          resolve({ isOk: false, output: 'criu is not installed' });
          return;
        }
        resolve({ isOk: err === null, output: output === '' && err ? err.message : output });
      },
    );
  });
}

/** The first line of criu's output that says what went wrong, short enough for a record. */
export function summarizeCriuFailure(output: string): string {
  const lines = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const error = lines.find((l) => /error|unexpected|fail/i.test(l)) ?? lines[0] ?? 'criu check failed';
  return error.replace(/^Error \([^)]*\):\s*/, '').slice(0, 300);
}

export async function detectCheckpointSupport(
  client: EngineClient,
  options: { criu?: string } = {},
): Promise<CheckpointSupport> {
  const info = await requestEngine<{ ExperimentalBuild?: boolean }>(client, '/info').catch(() => undefined);
  if (info === undefined) return { isAvailable: false, reason: 'the engine did not answer /info' };
  if (info.ExperimentalBuild !== true) {
    return { isAvailable: false, reason: 'the Docker daemon does not run with --experimental' };
  }
  const check = await runCriuCheck(options.criu);
  if (!check.isOk) return { isAvailable: false, reason: `criu check: ${summarizeCriuFailure(check.output)}` };
  return { isAvailable: true };
}

/**
 * Checkpoints the container, leaving it running (POST /containers/{id}/checkpoints, exit=false), into the
 * engine's checkpoint directory; returns the checkpoint's name.
 */
export async function createCheckpoint(
  client: EngineClient,
  containerId: string,
  name: string,
): Promise<string> {
  await requestEngine(client, `/containers/${encodeURIComponent(containerId)}/checkpoints`, {
    method: 'POST',
    body: { CheckpointID: name, Exit: false },
  });
  return name;
}

// The /proc scan sensor, a fallback for hosts where bpftrace cannot run: polls /proc for processes that appeared
// in containers since the last scan and reports them as exec events. It sees only processes alive at a scan, and
// nothing of files, network or privilege changes.

import { readdirSync } from 'node:fs';
import { createRuntimeEvent, type ProcessAncestor } from '../../../core/runtime/runtime-event.js';
import { readProcessEntry } from '../bpftrace/host.js';
import { readContainerOfPid } from '../cgroup.js';
import type { Sensor, SensorStatus } from '../sensor.js';

export interface ProcScanSensorOptions {
  readonly intervalMs?: number;
  readonly procRoot?: string;
  /** Why the kernel sensor is not used, shown in the status. */
  readonly reason?: string;
}

const DEFAULT_INTERVAL_MS = 250;
const MAX_ANCESTORS = 16;

function listPids(procRoot: string): number[] {
  try {
    return readdirSync(procRoot)
      .filter((n) => /^\d+$/.test(n))
      .map(Number);
  } catch {
    return [];
  }
}

export function createProcScanSensor(options: ProcScanSensorOptions = {}): Sensor {
  const procRoot = options.procRoot ?? '/proc';
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let state: SensorStatus['state'] = 'stopped';
  let events = 0;
  const limits = `polls /proc every ${intervalMs} ms: sees processes alive at a scan (exec only), not files, network or privilege changes`;
  const note = options.reason ? `fallback (${options.reason}); ${limits}` : limits;

  return {
    id: 'proc-scan',
    status: () => ({ id: 'proc-scan', state, events, lost: 0, note }),
    async start(emit) {
      // Processes running at start are the baseline, not news.
      let seen = new Set(listPids(procRoot));
      let num = 0;
      const scan = (): void => {
        const now = listPids(procRoot);
        const next = new Set(now);
        for (const pid of now) {
          if (seen.has(pid)) continue;
          const container = readContainerOfPid(pid, procRoot);
          if (container === undefined || container === 'host') continue;
          const entry = readProcessEntry(pid, procRoot);
          if (!entry) continue;
          const ancestors: ProcessAncestor[] = [];
          let ppid = entry.ppid;
          while (ppid > 0 && ancestors.length < MAX_ANCESTORS) {
            const p = readProcessEntry(ppid, procRoot);
            if (!p) break;
            ancestors.push({ pid: p.pid, name: p.name, exe: p.exe, exepath: p.exepath, cmdline: p.cmdline });
            ppid = p.ppid;
          }
          events++;
          emit(
            createRuntimeEvent({
              type: 'exec',
              num: ++num,
              time: Date.now(),
              proc: { ...entry, ancestors },
              container: { id: container },
            }),
          );
        }
        seen = next;
      };
      const timer = setInterval(scan, intervalMs);
      state = 'running';
      return async () => {
        clearInterval(timer);
        state = 'stopped';
      };
    },
  };
}

// The bpftrace sensor: generates the program for the wanted event types, runs bpftrace as a supervised child
// (argument array, program in a private temporary file), and decodes its records into RuntimeEvents.

import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RuntimeEvent, RuntimeEventType } from '../../../core/runtime/runtime-event.js';
import { createLineSplitter } from '../lines.js';
import type { Sensor, SensorStatus } from '../sensor.js';
import { createDecoder, type DecoderHost } from './decode.js';
import { createHostDecoderIo } from './host.js';
import { MAX_LINE_BYTES, parseLine } from './parse.js';
import { BPFTRACE_STRLEN, generateProgram } from './program.js';

export { createDecoder, type Decoder, type DecoderHost, type ProcessEntry } from './decode.js';
export { type BpftraceLine, type BpftraceRecord, decodeBuffer, parseLine, splitArgv } from './parse.js';
export { BPFTRACE_STRLEN, DEFAULT_READ_PREFIXES, generateProgram, type ProgramOptions } from './program.js';

const TRACEPOINTS_DIR = '/sys/kernel/tracing/events/syscalls';
/** Compiling and attaching took 3.3–3.7 s for the prototype; a loaded machine needs more. */
const DEFAULT_START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
/** 4 MiB per CPU: loss-free to ~60 k records/s where the default 256 KiB stopped at ~40 k (runtime.md §5.3). */
const PERF_RB_PAGES = '1024';
const MAX_STDERR = 8 * 1024;

export interface BpftraceSensorOptions {
  readonly eventTypes: Iterable<RuntimeEventType>;
  readonly readPrefixes?: readonly string[];
  /** The bpftrace binary; found on PATH by default. */
  readonly command?: string;
  readonly startTimeoutMs?: number;
  /** The decoder's I/O; the host's /proc and cgroups by default. */
  readonly host?: DecoderHost;
}

/** Why bpftrace cannot run here, or undefined when it can (root, bpftrace on PATH, tracefs mounted). */
export async function checkBpftrace(command = 'bpftrace'): Promise<string | undefined> {
  if (process.getuid?.() !== 0) return 'bpftrace needs root';
  try {
    accessSync(TRACEPOINTS_DIR, constants.R_OK);
  } catch {
    return `no syscall tracepoints at ${TRACEPOINTS_DIR} (mount tracefs at /sys/kernel/tracing)`;
  }
  return new Promise((resolve) => {
    execFile(command, ['--version'], { timeout: 10_000 }, (err) =>
      resolve(
        err ? `${command} is not installed or does not run (${err.message.split('\n')[0]})` : undefined,
      ),
    );
  });
}

function listTracepoints(): Set<string> | undefined {
  try {
    return new Set(readdirSync(TRACEPOINTS_DIR));
  } catch {
    return undefined;
  }
}

export function createBpftraceSensor(options: BpftraceSensorOptions): Sensor {
  const eventTypes = [...options.eventTypes];
  let state: SensorStatus['state'] = 'stopped';
  let events = 0;
  let lost = 0;
  let malformed = 0;
  let note: string | undefined;

  return {
    id: 'bpftrace',
    status: () => ({
      id: 'bpftrace',
      state,
      events,
      lost,
      note: [note, malformed > 0 ? `${malformed} unreadable output lines` : undefined]
        .filter(Boolean)
        .join('; '),
    }),
    async start(emit: (event: RuntimeEvent) => void) {
      state = 'starting';
      const program = generateProgram({
        eventTypes,
        readPrefixes: options.readPrefixes,
        tracepoints: listTracepoints(),
        excludePids: [process.pid],
      });
      const dir = await mkdtemp(join(tmpdir(), 'coastguard-bpftrace-'));
      const file = join(dir, 'sensor.bt');
      await writeFile(file, program, { mode: 0o600 });
      const decoder = createDecoder(options.host ?? createHostDecoderIo());
      let stderr = '';
      const child: ChildProcess = spawn(options.command ?? 'bpftrace', ['-f', 'json', file], {
        env: {
          ...process.env,
          BPFTRACE_STRLEN: String(BPFTRACE_STRLEN),
          BPFTRACE_PERF_RB_PAGES: PERF_RB_PAGES,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const exited = new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.once('error', (err) => {
          stderr += `${err.message}\n`;
          resolve(null);
        });
      });
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-MAX_STDERR);
      });

      let markReady: () => void = () => {};
      const ready = new Promise<void>((resolve) => {
        markReady = resolve;
      });
      const lines = createLineSplitter(MAX_LINE_BYTES, (line) => {
        const parsed = parseLine(line);
        if (parsed.kind === 'lost') lost += parsed.count;
        else if (parsed.kind === 'malformed') malformed++;
        else if (parsed.kind === 'record') {
          if (parsed.record.tag === 'B') {
            markReady();
            return;
          }
          const event = decoder.push(parsed.record);
          if (event) {
            events++;
            emit(event);
          }
        }
      });
      child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk));

      const cleanup = () => rm(dir, { recursive: true, force: true });
      const timeoutMs = options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        ready.then(() => 'ready' as const),
        exited.then(() => 'exited' as const),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), timeoutMs);
        }),
      ]);
      clearTimeout(timer);

      let isStopping = false;
      const stop = async (): Promise<void> => {
        isStopping = true;
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
          // SIGINT lets bpftrace detach its probes and run END; SIGKILL only when it does not exit.
          process.kill(child.pid, 'SIGINT');
          const kill = setTimeout(() => {
            if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
          }, STOP_GRACE_MS);
          await exited;
          clearTimeout(kill);
        }
        await cleanup();
        if (state !== 'failed') state = 'stopped';
      };

      if (outcome !== 'ready') {
        await stop();
        state = 'failed';
        const why = describeStderr(stderr);
        note =
          outcome === 'timeout'
            ? `bpftrace did not attach within ${timeoutMs / 1000} s${why}`
            : `bpftrace exited before attaching${why}`;
        throw new Error(note);
      }
      state = 'running';
      note = `probes for ${eventTypes.length === 0 ? 'exec' : ['exec', ...eventTypes.filter((t) => t !== 'exec')].join(', ')}`;
      void exited.then(() => {
        if (!isStopping) {
          state = 'failed';
          note = `bpftrace exited unexpectedly${describeStderr(stderr)}`;
        }
      });
      return stop;
    },
  };
}

/** bpftrace's own error lines, without its harmless RLIMIT_MEMLOCK warning (runtime.md §4.1). */
function describeStderr(stderr: string): string {
  const lines = stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.includes('RLIMIT_MEMLOCK'))
    .slice(-5);
  return lines.length === 0 ? '' : `: ${lines.join(' | ')}`;
}

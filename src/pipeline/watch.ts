// The runtime pipeline: rules loaded → sensors started → events enriched with container metadata → rules
// evaluated → alerts aggregated and written as JSON lines, until the caller's signal stops it.

import { lstat } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  closeEngineClient,
  createEngineClient,
  type EngineClient,
  pingEngine,
} from '../collect/docker/engine-client.js';
import type { AuditStore } from '../core/audit/audit-repository.js';
import { type Diagnostic, formatDiagnostic } from '../core/diagnostic.js';
import { CoastguardError } from '../core/errors.js';
import type { Alert } from '../core/runtime/alert.js';
import type { RuntimeEvent, RuntimeEventType } from '../core/runtime/runtime-event.js';
import {
  BASELINE_EVENT_TYPES,
  type BaselineStore,
  createBaselineTracker,
} from '../runtime/baseline/image-baseline.js';
import { type DeclaredSources, readDeclaredImages } from '../runtime/drift/declared-images.js';
import { createFleetDrift, type DriftPolicy } from '../runtime/drift/fleet-drift.js';
import { createUserNameResolver, type UserNameResolver } from '../runtime/enrich/user-names.js';
import type { RunbooksConfig } from '../runtime/respond/index.js';
import {
  compileRuleFiles,
  createRuleset,
  DEFAULT_RULES_URL,
  type Ruleset,
  readRuleFile,
} from '../runtime/rules/index.js';
import {
  type ContainerTable,
  checkBpftrace,
  createBpftraceSensor,
  createContainerTable,
  createDockerEventsSensor,
  createFalcoJsonSensor,
  createProcScanSensor,
  type Sensor,
  type SensorStatus,
} from '../runtime/sensor/index.js';
import { type AgentStatus, type RefusedRule, writeAgentStatus } from '../runtime/status/index.js';
import { type AlertLine, createAlertAggregator } from './alert-aggregator.js';
import type { AlertSink } from './alert-sink.js';
import { createAlertResponse } from './respond.js';

export interface WatchOptions {
  /** Rule files loaded after the default rules, in order. */
  readonly ruleFiles?: readonly string[];
  readonly output: Writable;
  /** Stops the watch; the promise resolves once every sensor has stopped. */
  readonly signal: AbortSignal;
  /** Refused rules and other rule diagnostics, one formatted line each (`file:line:col: ...`). */
  readonly onDiagnostic?: (line: string) => void;
  /** Sensor state changes and notes, for the operator. */
  readonly onNotice?: (line: string) => void;
  /** `auto`: bpftrace when it can run here, else the /proc scan. */
  readonly kernelSensor?: 'auto' | 'bpftrace' | 'proc-scan';
  /** Repeats of the same alert within this window are written once, with a count (default 60 s). */
  readonly aggregateWindowMs?: number;
  /** Called once every sensor is observing. */
  readonly onReady?: (status: readonly SensorStatus[]) => void;
  /** When set, the agent's status is written to `$home/agent/status.json` every `statusIntervalMs`. */
  readonly home?: string;
  /** Default 2 s. */
  readonly statusIntervalMs?: number;
  /** Receives every alert line written (the store and audit trail); drained before the watch resolves. */
  readonly alertSink?: AlertSink;
  /**
   * Runbooks run on every alert about a container, one response at a time, each step an entry in `store`'s audit
   * trail; needs `home` (its key signs evidence). Responses under way are finished before the watch resolves.
   */
  readonly response?: { readonly runbooks: RunbooksConfig; readonly store: AuditStore };
  /**
   * What is expected to run (image globs, and the images of compose files and Kubernetes manifests): containers of
   * other images raise alerts, as do images changed under a service.
   */
  readonly drift?: DriftPolicy & Partial<DeclaredSources>;
  /** Falco's JSON output (a file it appends to, or `-` for stdin): its alerts pass through as ours. */
  readonly falcoInput?: string;
  /** Learn each image's behaviour for `learnMs` from its first sighting, then alert on anything new. */
  readonly baseline?: { readonly store: BaselineStore; readonly learnMs: number };
}

export interface WatchSummary {
  readonly sensors: readonly SensorStatus[];
  readonly rulesLoaded: number;
  readonly rulesRefused: number;
  readonly alerts: number;
}

const HEALTH_INTERVAL_MS = 1_000;
/** How long an event of a container not yet in the table waits for its inspect answer. */
const UNKNOWN_CONTAINER_WAIT_MS = 1_000;

/** Loads the default rules and `files`; a rule that cannot run here is a diagnostic, never silently skipped. */
export async function loadWatchRules(files: readonly string[]): Promise<{
  ruleset: Ruleset;
  diagnostics: readonly Diagnostic[];
  refused: number;
  refusedRules: readonly RefusedRule[];
}> {
  const sources = [await readRuleFile(fileURLToPath(DEFAULT_RULES_URL))];
  for (const f of files) sources.push(await readRuleFile(f));
  const loaded = compileRuleFiles(sources);
  // One entry per refused rule (its first error), keyed by where the rule is.
  const refusedBySource = new Map<string, string>();
  for (const d of loaded.diagnostics) {
    if (d.severity !== 'error' || d.source === undefined) continue;
    const source = `${d.source.file}:${d.source.line}`;
    if (!refusedBySource.has(source)) refusedBySource.set(source, `${d.code}: ${d.message}`);
  }
  const refusedRules = [...refusedBySource].map(([source, reason]) => ({ source, reason }));
  return {
    ruleset: createRuleset(loaded.rules),
    diagnostics: loaded.diagnostics,
    refused: refusedRules.length,
    refusedRules,
  };
}

/** The event types the enabled rules can match: the kernel sensor attaches only what they need. */
export function eventTypesOfRules(ruleset: Ruleset): RuntimeEventType[] {
  return [...new Set(ruleset.rules.flatMap((r) => r.eventTypes))];
}

/** Whether the executable lies in the container's writable layer, i.e. was not in the image. */
async function isInUpperLayer(upperDir: string, exepath: string): Promise<boolean | null> {
  if (!exepath.startsWith('/')) return null;
  try {
    return (await lstat(join(upperDir, posix.normalize(exepath)))).isFile();
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? false : null;
  }
}

async function enrich(
  event: RuntimeEvent,
  containers: ContainerTable,
  users: UserNameResolver,
): Promise<void> {
  const c = event.container;
  if (c.id === 'host') return;
  let info = containers.get(c.id);
  if (!info) {
    const timeout = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), UNKNOWN_CONTAINER_WAIT_MS).unref(),
    );
    info = await Promise.race([containers.refresh(c.id).catch(() => undefined), timeout]);
  }
  if (!info) return;
  if (event.user.name === null && event.user.uid !== null) {
    // The container's first process outlives most of the short ones an event is about.
    event.user.name = await users.resolve(c.id, info.initPid ?? event.proc.pid, event.user.uid);
  }
  c.name ??= info.name;
  c.image ??= info.image;
  if (Object.keys(c.labels).length === 0) c.labels = { ...info.labels };
  c.privileged ??= info.privileged;
  if (event.type === 'exec' && event.proc.isExeUpperLayer === null && info.upperDir) {
    event.proc.isExeUpperLayer = await isInUpperLayer(info.upperDir, event.proc.exepath);
  }
}

/** What the agent cannot see with these sensors, said plainly in its status. */
export function blindSpotsOf(sensorIds: readonly string[]): string[] {
  if (sensorIds.includes('bpftrace')) return [];
  if (sensorIds.includes('proc-scan')) {
    return [
      'file opens and writes (no /etc writes, no /etc/shadow reads)',
      'network connections',
      'privilege changes (setuid)',
      'processes that exit between two /proc scans',
    ];
  }
  return ['every kernel event: no kernel sensor runs'];
}

function healthAlert(status: SensorStatus, rule: string, output: string, priority: Alert['priority']): Alert {
  return {
    time: new Date().toISOString(),
    rule,
    priority,
    output,
    tags: ['coastguard', 'health'],
    container: { id: 'host', name: null, image: null },
    fields: { 'sensor.id': status.id, 'sensor.lost': status.lost, 'sensor.events': status.events },
  };
}

/** The response to one alert, reported as notices; never rejects. Undefined when no runbooks are configured. */
function responderOf(
  options: WatchOptions,
  client: EngineClient,
  notice: (line: string) => void,
): ((alert: Alert) => Promise<void>) | undefined {
  const { response, home } = options;
  if (response === undefined || response.runbooks.list.length === 0) return undefined;
  if (home === undefined)
    throw new CoastguardError('INTERNAL', 'runbooks need the Coastguard home for their key');
  const executor = createAlertResponse({
    config: response.runbooks,
    home,
    store: response.store,
    client,
    // The audit entry of the step is what reaches people: exporters (chat, tickets) deliver response.notify.
    notify: async (alert, target) =>
      notice(`notify: ${alert.rule} on ${target.name ?? target.id.slice(0, 12)}: ${alert.output}`),
  });
  return async (alert) => {
    try {
      for (const run of await executor.handle(alert)) {
        const steps = run.records.map((r) => `${r.action}${r.isDryRun ? ' (dry run)' : ''} ${r.outcome}`);
        const why = run.reason === null ? '' : `: ${run.reason}`;
        notice(
          `runbook ${run.runbook} ${run.status} on ${run.container.name ?? run.container.id}${why}${steps.length > 0 ? ` [${steps.join(', ')}]` : ''}`,
        );
      }
    } catch (err) {
      notice(`the response to "${alert.rule}" failed: ${(err as Error).message}`);
    }
  };
}

export async function runWatch(options: WatchOptions): Promise<WatchSummary> {
  const since = new Date().toISOString();
  const { ruleset, diagnostics, refused, refusedRules } = await loadWatchRules(options.ruleFiles ?? []);
  for (const d of diagnostics) options.onDiagnostic?.(formatDiagnostic(d));
  const notice = options.onNotice ?? (() => {});

  // Read before the engine is opened: a compose file or manifest that cannot be read stops the agent at once.
  const expectedImages = [
    ...(options.drift?.expectedImages ?? []),
    ...(await readDeclaredImages({
      composeFiles: options.drift?.composeFiles ?? [],
      kubernetesManifests: options.drift?.kubernetesManifests ?? [],
    })),
  ];
  const client = await createEngineClient();
  await pingEngine(client);
  const containers = createContainerTable(client);
  const users = createUserNameResolver();
  const responder = responderOf(options, client, notice);
  const sensors: Sensor[] = [];
  const mode = options.kernelSensor ?? 'auto';
  const unavailable = mode === 'proc-scan' ? 'proc-scan requested' : await checkBpftrace();
  if (mode === 'bpftrace' && unavailable) {
    throw new CoastguardError('BAD_USAGE', `the bpftrace sensor cannot run here: ${unavailable}`);
  }
  if (unavailable === undefined) {
    const eventTypes = new Set(eventTypesOfRules(ruleset));
    if (options.baseline !== undefined) for (const type of BASELINE_EVENT_TYPES) eventTypes.add(type);
    sensors.push(createBpftraceSensor({ eventTypes: [...eventTypes] }));
  } else {
    notice(`bpftrace not used (${unavailable}); falling back to the /proc scan`);
    sensors.push(createProcScanSensor({ reason: unavailable }));
  }
  const drift = createFleetDrift({ expectedImages });
  sensors.push(
    createDockerEventsSensor({
      client,
      containers,
      emitExecs: unavailable !== undefined,
      // Called only once the sensors run, after `raise` below exists.
      onContainer: (container, sighting) => {
        for (const alert of drift.observe(container, sighting, new Date())) raise(alert);
      },
    }),
  );

  const aggregator = createAlertAggregator(options.aggregateWindowMs ?? 60_000);
  let alerts = 0;
  const write = (lines: readonly AlertLine[]): void => {
    for (const line of lines) {
      alerts++;
      options.output.write(`${JSON.stringify(line)}\n`);
      options.alertSink?.write(line);
    }
  };
  const responses = new Set<Promise<void>>();
  const raise = (alert: Alert): void => {
    write(aggregator.add(alert, Date.now()));
    // Sensor health alerts are about the host: there is no container to respond on.
    if (responder === undefined || alert.container.id === 'host') return;
    const response = responder(alert).finally(() => responses.delete(response));
    responses.add(response);
  };
  if (options.falcoInput !== undefined) {
    sensors.push(
      createFalcoJsonSensor({
        path: options.falcoInput,
        ...(options.onDiagnostic === undefined ? {} : { onDiagnostic: options.onDiagnostic }),
        onAlert: (alert) => {
          // Falco names containers by a 12-character id: the engine resolves it to the full id, name and image.
          const p = (
            alert.container.id === 'host'
              ? Promise.resolve(undefined)
              : containers.refresh(alert.container.id)
          )
            .catch(() => undefined)
            .then((info) => {
              if (info !== undefined) alert.container = { id: info.id, name: info.name, image: info.image };
              raise(alert);
            })
            .finally(() => pending.delete(p));
          pending.add(p);
        },
      }),
    );
  }
  const baseline =
    options.baseline === undefined
      ? undefined
      : createBaselineTracker({
          store: options.baseline.store,
          learnMs: options.baseline.learnMs,
          onError: notice,
        });
  const pending = new Set<Promise<void>>();
  const onEvent = (event: RuntimeEvent): void => {
    const isLearnt =
      baseline !== undefined && BASELINE_EVENT_TYPES.includes(event.type) && event.container.id !== 'host';
    // Only events some rule can match, or a baseline learns from, are worth the enrichment.
    if (ruleset.rulesFor(event.type).length === 0 && !isLearnt) return;
    const p = enrich(event, containers, users)
      .catch(() => undefined)
      .then(async () => {
        for (const alert of ruleset.evaluate(event)) raise(alert);
        const imageId = isLearnt ? containers.get(event.container.id)?.imageId : undefined;
        if (baseline === undefined || imageId === undefined || imageId === null) return;
        for (const alert of await baseline.observe(event, { id: imageId, name: event.container.image }))
          raise(alert);
      })
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  let baselineFlush: Promise<void> = Promise.resolve();
  const flushBaseline = (): void => {
    if (baseline !== undefined) baselineFlush = baselineFlush.then(() => baseline.flush());
  };

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await Promise.allSettled([...pending]);
    await Promise.allSettled([...responses]);
    closeEngineClient(client);
  };
  try {
    // Engine events first: the container table is primed before kernel events need it.
    for (const sensor of [...sensors].reverse()) {
      if (options.signal.aborted) break;
      stops.push(await sensor.start(onEvent));
      notice(`sensor ${sensor.id} running`);
    }
  } catch (err) {
    await stopAll();
    throw new CoastguardError('INTERNAL', `a sensor failed to start: ${(err as Error).message}`, {
      cause: err,
    });
  }

  const lastLost = new Map<string, number>();
  const lastState = new Map<string, string>();
  const checkHealth = (): void => {
    for (const s of sensors) {
      const status = s.status();
      const before = lastLost.get(status.id) ?? 0;
      if (status.lost > before) {
        raise(
          healthAlert(
            status,
            'Sensor dropped events',
            `Sensor ${status.id} lost ${status.lost - before} events (${status.lost} since start): detection has gaps`,
            'critical',
          ),
        );
      }
      lastLost.set(status.id, status.lost);
      if (status.state === 'failed' && lastState.get(status.id) !== 'failed') {
        raise(
          healthAlert(
            status,
            'Sensor failed',
            `Sensor ${status.id} failed: ${status.note ?? ''}`,
            'critical',
          ),
        );
      }
      lastState.set(status.id, status.state);
    }
    write(aggregator.flush(Date.now()));
    flushBaseline();
  };
  options.onReady?.(sensors.map((s) => s.status()));
  const timer = setInterval(checkHealth, HEALTH_INTERVAL_MS);
  const statusOf = (): AgentStatus => ({
    pid: process.pid,
    since,
    updatedAt: new Date().toISOString(),
    sensors: sensors.map((s) => s.status()),
    rulesLoaded: ruleset.rules.length,
    rulesRefused: refusedRules,
    alerts,
    blindSpots: blindSpotsOf(sensors.map((s) => s.id)),
  });
  const { home } = options;
  let statusWrite: Promise<void> = Promise.resolve();
  const writeStatus = (): void => {
    if (home === undefined) return;
    // One write at a time, in order: a slow disk never interleaves two renames.
    statusWrite = statusWrite
      .then(() => writeAgentStatus(home, statusOf()))
      .catch((err: Error) => notice(`cannot write the agent status: ${err.message}`));
  };
  writeStatus();
  const statusTimer = setInterval(writeStatus, options.statusIntervalMs ?? 2_000);
  if (!options.signal.aborted) {
    await new Promise<void>((resolve) =>
      options.signal.addEventListener('abort', () => resolve(), { once: true }),
    );
  }
  clearInterval(timer);
  clearInterval(statusTimer);
  await stopAll();
  checkHealth();
  write(aggregator.flush(Number.POSITIVE_INFINITY));
  flushBaseline();
  await baselineFlush;
  writeStatus();
  await statusWrite;
  await options.alertSink?.drain();
  return {
    sensors: sensors.map((s) => s.status()),
    rulesLoaded: ruleset.rules.length,
    rulesRefused: refused,
    alerts,
  };
}

// `coastguard agent`: watches every container of this host with the runtime rules, one JSON line per alert, in
// the foreground until SIGTERM or SIGINT.
import { createWriteStream } from 'node:fs';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { CoastguardError } from '../../core/errors.js';
import type { AgentState } from '../../pipeline/agent-state.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice } from '../options.js';

interface AgentFlags {
  rules: string[];
  output?: string;
  sensor: 'auto' | 'bpftrace' | 'proc-scan';
  config?: string;
  falcoInput?: string;
}

function collectValues(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function openAlertOutput(path: string): Promise<Writable> {
  const target = resolve(path);
  // Appended to, never replaced: an alert log is evidence; owner-only, it names processes and files.
  const stream = createWriteStream(target, { flags: 'a', mode: 0o600 });
  await new Promise<void>((ok, fail) => {
    stream.once('open', () => ok());
    stream.once('error', (err) =>
      fail(
        new CoastguardError('BAD_INPUT', `Cannot open the alert output ${target}: ${err.message}`, {
          cause: err,
        }),
      ),
    );
  });
  return stream;
}

function formatAgentState(state: AgentState): string {
  if (state.kind === 'none') return 'No agent status: no agent has run with this home.';
  const s = state.status;
  const head =
    state.kind === 'running'
      ? `Agent running (pid ${s.pid}) since ${s.since}, status of ${s.updatedAt}`
      : `Agent NOT running: the status is stale (${state.reason}); last status of ${s.updatedAt}, started ${s.since}`;
  const sensors = formatColumns(
    ['SENSOR', 'STATE', 'EVENTS', 'DROPPED', 'NOTE'],
    s.sensors.map((x) => [x.id, x.state, String(x.events), String(x.lost), x.note ?? '']),
  );
  const lines = [
    head,
    '',
    sensors,
    '',
    `Rules loaded: ${s.rulesLoaded}; refused: ${s.rulesRefused.length}`,
    ...s.rulesRefused.map((r) => `  ${r.source}: ${r.reason}`),
    `Alerts: ${s.alerts}`,
  ];
  if (s.blindSpots.length > 0) {
    lines.push('Cannot see with these sensors:', ...s.blindSpots.map((b) => `  - ${b}`));
  }
  return lines.join('\n');
}

/** `coastguard agent status`: what the running agent reports about itself. */
export function registerAgentStatus(agent: Command): void {
  agent
    .command('status')
    .description("show the running agent's sensors, counters and rules (or that no agent runs)")
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: { format: 'table' | 'json' }) => {
      const { readAgentState } = await import('../../pipeline/agent-state.js');
      const state = await readAgentState(resolveHome());
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(state, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatAgentState(state)}\n`);
    });
}

export function registerAgent(program: Command): void {
  const agent = program
    .command('agent')
    .description("watch this host's containers with the runtime rules; one JSON line per alert until stopped")
    .option(
      '--rules <file>',
      'a Falco-language rules file loaded after the defaults (repeatable)',
      collectValues,
      [],
    )
    .option('--output <file>', 'append alerts to this file instead of stdout')
    .option('--config <file>', 'coastguard.yaml with the runbooks to run when rules fire')
    .option(
      '--falco-input <file>',
      "also take Falco's JSON alerts from this file (followed like tail -F) or - (stdin)",
    )
    .option(
      '--sensor <sensor>',
      'kernel sensor: auto (bpftrace when it can run, else the /proc scan), bpftrace or proc-scan',
      parseChoice(['auto', 'bpftrace', 'proc-scan'] as const),
      'auto',
    )
    .action(async (flags: AgentFlags) => {
      const { runWatch } = await import('../../pipeline/watch.js');
      const { createStoreAlertSink } = await import('../../pipeline/alert-sink.js');
      const { openStore } = await import('../../store/index.js');
      const { loadConfig } = await import('../../config/index.js');
      const home = resolveHome();
      // Read before anything starts: a bad configuration stops the agent with its file, line and column.
      const loaded = await loadConfig({ explicit: flags.config, cwd: process.cwd(), home });
      const { config } = loaded;
      const store = await openStore({ home });
      const { recordConfigChange } = await import('../../pipeline/governance-events.js');
      await recordConfigChange(store, loaded, { home, actor: 'agent' });
      const alertSink = createStoreAlertSink({
        store,
        home,
        onError: (message) => process.stderr.write(`coastguard agent: ${message}\n`),
      });
      const output = flags.output === undefined ? process.stdout : await openAlertOutput(flags.output);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        const summary = await runWatch({
          ruleFiles: flags.rules,
          output,
          signal: controller.signal,
          kernelSensor: flags.sensor,
          home,
          alertSink,
          ...(config.runbooks === undefined ? {} : { response: { runbooks: config.runbooks, store } }),
          drift: {
            expectedImages: config.agent.expectedImages,
            composeFiles: config.agent.composeFiles,
            kubernetesManifests: config.agent.kubernetesManifests,
          },
          ...(flags.falcoInput === undefined ? {} : { falcoInput: flags.falcoInput }),
          ...(config.agent.baseline.enabled
            ? { baseline: { store: store.runtime, learnMs: config.agent.baseline.learnMinutes * 60_000 } }
            : {}),
          onDiagnostic: (line) => process.stderr.write(`${line}\n`),
          onNotice: (line) => process.stderr.write(`coastguard agent: ${line}\n`),
          onReady: (sensors) =>
            process.stderr.write(
              `coastguard agent: watching (${sensors.map((s) => `${s.id}: ${s.note ?? s.state}`).join('; ')})\n`,
            ),
        });
        process.stderr.write(
          `coastguard agent: stopped; ${summary.alerts} alert lines, ${summary.rulesLoaded} rules loaded, ${summary.rulesRefused} refused; ${summary.sensors.map((s) => `${s.id} ${s.events} events, ${s.lost} lost`).join('; ')}\n`,
        );
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        await alertSink.drain();
        if (alertSink.dropped > 0) {
          process.stderr.write(
            `coastguard agent: ${alertSink.dropped} alert lines not recorded in the store (it could not keep up)\n`,
          );
        }
        await store.close();
        if (output !== process.stdout) {
          output.end();
          await finished(output);
        }
      }
    });
  registerAgentStatus(agent);
}

// `coastguard audit forward` and `audit status`: deliver the trail to the destinations of coastguard.yaml's
// `exporters:` section, and say how each destination stands.
import type { Command } from 'commander';
import type { ExportersConfig } from '../../audit/export/config.js';
import type { DestinationReport } from '../../audit/export/run.js';
import { CoastguardError } from '../../core/errors.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { EXIT } from '../exit-codes.js';
import { parseChoice } from '../options.js';

interface ConfigFlag {
  config?: string;
}

async function loadExporters(flags: ConfigFlag, home: string): Promise<ExportersConfig> {
  const { loadConfig } = await import('../../config/index.js');
  const loaded = await loadConfig({ explicit: flags.config, cwd: process.cwd(), home });
  const exporters = loaded.config.exporters;
  if (exporters === undefined || exporters.destinations.length === 0) {
    const where = loaded.file ?? 'coastguard.yaml (none found in this directory or $COASTGUARD_HOME)';
    throw new CoastguardError(
      'BAD_INPUT',
      `No audit destinations are configured in ${where}: add an exporters: section (see the README).`,
    );
  }
  return exporters;
}

function ago(time: string | undefined): string {
  return time === undefined ? '-' : time.slice(0, 19).replace('T', ' ');
}

export function formatDestinationReports(reports: readonly DestinationReport[]): string {
  const rows = reports.map((r) => [
    r.name,
    r.kind,
    r.enabled ? 'yes' : 'no',
    String(r.cursor),
    String(r.lag),
    String(r.spooled),
    String(r.retriesPending),
    String(r.failed),
    String(r.quarantined),
    ago(r.lastSuccessAt),
    r.lastError === undefined ? '-' : `${ago(r.lastErrorAt)} ${r.lastError}`,
  ]);
  return formatColumns(
    [
      'DESTINATION',
      'KIND',
      'ENABLED',
      'CURSOR',
      'LAG',
      'SPOOLED',
      'RETRIES',
      'FAILED',
      'QUARANTINED',
      'LAST SUCCESS',
      'LAST ERROR',
    ],
    rows,
  );
}

export function registerAuditStatus(audit: Command): void {
  audit
    .command('status')
    .description('how each audit destination stands: cursor and lag behind the trail, spool, retries, errors')
    .option('--config <file>', 'coastguard.yaml to read the destinations from')
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: ConfigFlag & { format: 'table' | 'json' }) => {
      const { exportStatus } = await import('../../audit/export/run.js');
      const { openStore } = await import('../../store/index.js');
      const home = resolveHome();
      const exporters = await loadExporters(flags, home);
      const store = await openStore({ home });
      try {
        const reports = await exportStatus(home, store, exporters);
        process.stdout.write(
          flags.format === 'json'
            ? `${JSON.stringify(reports, null, 2)}\n`
            : `${formatDestinationReports(reports)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}

export function registerAuditForward(audit: Command): void {
  audit
    .command('forward')
    .description(
      'deliver the audit trail to the configured destinations until SIGTERM/SIGINT (at least once, spooled)',
    )
    .option('--once', 'one pass per destination, then exit (exit 1 when something is left undelivered)')
    .option('--config <file>', 'coastguard.yaml to read the destinations from')
    .action(async (flags: ConfigFlag & { once?: boolean }) => {
      const { forwardAudit } = await import('../../audit/export/run.js');
      const { openStore } = await import('../../store/index.js');
      const home = resolveHome();
      const exporters = await loadExporters(flags, home);
      const store = await openStore({ home });
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      try {
        const log = (line: string) => process.stderr.write(`coastguard audit forward: ${line}\n`);
        const results = await forwardAudit({
          home,
          store,
          config: exporters,
          once: flags.once === true,
          signal: controller.signal,
          log,
        });
        let isComplete = true;
        for (const [name, r] of results) {
          const state =
            r.blocked === undefined ? (r.caughtUp ? 'caught up' : 'stopped') : `blocked: ${r.blocked}`;
          log(
            `${name}: delivered ${r.delivered}, failed ${r.parked}, quarantined ${r.quarantined}; ${state}`,
          );
          if (!r.caughtUp || r.blocked !== undefined || r.parked > 0 || r.quarantined > 0) isComplete = false;
        }
        if (flags.once === true && !isComplete) process.exitCode = EXIT.findingsAtGate;
      } finally {
        process.off('SIGTERM', stop);
        process.off('SIGINT', stop);
        await store.close();
      }
    });
}

// `coastguard db update --source PATH|URL` and `coastguard db status`: the offline vulnerability database.
import type { Command } from 'commander';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice, parsePositiveInt } from '../options.js';

/** Skipped-record diagnostics printed in full; past this, a count. */
const SHOWN_DIAGNOSTICS = 20;

export function registerDb(program: Command): void {
  const db = program.command('db').description('manage the offline vulnerability database (OSV advisories)');

  db.command('update')
    .description('import OSV advisories from a directory, an osv.dev zip (all.zip) or an http(s) URL of one')
    .requiredOption('--source <path|url>', 'directory of OSV JSON records, a zip of them, or a URL of a zip')
    .action(async (flags: { source: string }) => {
      const { openStore } = await import('../../store/index.js');
      const { updateVulnerabilityDatabase } = await import('../../pipeline/vuln-db.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const report = await updateVulnerabilityDatabase(store, flags.source);
        for (const d of report.diagnostics.slice(0, SHOWN_DIAGNOSTICS)) {
          process.stderr.write(`coastguard: ${formatDiagnostic(d)}\n`);
        }
        const hidden = report.diagnostics.length - SHOWN_DIAGNOSTICS;
        if (hidden > 0) process.stderr.write(`coastguard: … and ${hidden} more skipped records\n`);
        process.stdout.write(
          `Imported ${report.recordCount} advisories from ${report.source.id}` +
            `${report.diagnostics.length > 0 ? ` (${report.diagnostics.length} skipped)` : ''}.\n`,
        );
      } finally {
        await store.close();
      }
    });

  db.command('status')
    .description('show the imported sources, their record counts and age')
    .option('--max-age <days>', 'warn when a source is older than this many days', parsePositiveInt, 7)
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: { maxAge: number; format: 'table' | 'json' }) => {
      const { openStore } = await import('../../store/index.js');
      const { readVulnerabilityDatabaseStatus } = await import('../../pipeline/vuln-db.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const status = await readVulnerabilityDatabaseStatus(store, { maxAgeDays: flags.maxAge });
        for (const warning of status.warnings) process.stderr.write(`coastguard: warning: ${warning}\n`);
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
          return;
        }
        const rows = status.sources.map((s) => [
          s.id,
          s.kind,
          String(s.recordCount),
          s.importedAt.slice(0, 19),
          `${Math.floor(s.ageDays)}d${s.isStale ? ' (stale)' : ''}`,
        ]);
        const headers = ['SOURCE', 'KIND', 'RECORDS', 'IMPORTED', 'AGE'];
        process.stdout.write(`${formatColumns(headers, rows)}\n\n${status.recordCount} advisories\n`);
      } finally {
        await store.close();
      }
    });
}

// `coastguard findings`: failed checks tracked across scans — first seen, last seen, fixed.
import type { Command } from 'commander';
import type { Severity } from '../../core/result/severity.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice, parseSeverity } from '../options.js';

interface FindingsFlags {
  state: 'open' | 'fixed' | 'all';
  severity?: Severity;
  format: 'table' | 'json';
}

export function registerFindings(program: Command): void {
  program
    .command('findings')
    .description('list findings tracked across scans (first seen, last seen, fixed)')
    .option('--state <state>', 'open, fixed or all', parseChoice(['open', 'fixed', 'all'] as const), 'open')
    .option('--severity <severity>', 'only findings at or above this severity', parseSeverity)
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: FindingsFlags) => {
      const { openStore } = await import('../../store/index.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const findings = await store.listFindings({ state: flags.state, minSeverity: flags.severity });
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify(findings, null, 2)}\n`);
          return;
        }
        const rows = findings.map((f) => [
          f.severity,
          f.cisId ?? '',
          f.checkId,
          `${f.subject.kind}:${f.subject.name}`,
          f.state,
          f.firstSeen.slice(0, 19),
          f.lastSeen.slice(0, 19),
          f.fixedAt?.slice(0, 19) ?? '',
        ]);
        const headers = ['SEVERITY', 'CIS', 'CHECK', 'SUBJECT', 'STATE', 'FIRST SEEN', 'LAST SEEN', 'FIXED'];
        process.stdout.write(
          `${formatColumns(headers, rows)}\n\n${findings.length} ${flags.state} findings\n`,
        );
      } finally {
        await store.close();
      }
    });
}

// `coastguard checks`: every check in the registry, with its CIS id, stable id, scope and severity.
import type { Command } from 'commander';
import { formatColumns } from '../columns.js';
import { parseChoice } from '../options.js';

export function registerChecks(program: Command): void {
  program
    .command('checks')
    .description('list every check Coastguard runs')
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: { format: 'table' | 'json' }) => {
      const { listAllChecks } = await import('../../pipeline/list-checks.js');
      const checks = listAllChecks();
      if (flags.format === 'json') {
        process.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
        return;
      }
      const rows = checks.map((c) => [c.cisId ?? '', c.checkId, c.scope, c.severity, c.automation, c.title]);
      process.stdout.write(
        `${formatColumns(['CIS', 'CHECK', 'SCOPE', 'SEVERITY', 'MODE', 'TITLE'], rows)}\n`,
      );
      process.stdout.write(`\n${checks.length} checks\n`);
    });
}

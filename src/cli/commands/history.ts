// `coastguard history`: past assessments, newest first.
import type { Command } from 'commander';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice, parsePositiveInt } from '../options.js';

export function registerHistory(program: Command): void {
  program
    .command('history')
    .description('list past assessments, newest first')
    .option('--limit <n>', 'how many to show', parsePositiveInt, 20)
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: { limit: number; format: 'table' | 'json' }) => {
      const { openStore } = await import('../../store/index.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const assessments = await store.listAssessments({ limit: flags.limit });
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify(assessments, null, 2)}\n`);
          return;
        }
        const rows = assessments.map((a) => [
          a.id,
          a.startedAt.slice(0, 19),
          a.hostname,
          String(a.summary.pass),
          String(a.summary.fail),
          String(a.summary.manual),
          String(a.opened),
          String(a.fixed),
        ]);
        const headers = ['ASSESSMENT', 'STARTED', 'HOST', 'PASS', 'FAIL', 'MANUAL', 'NEW', 'FIXED'];
        process.stdout.write(`${formatColumns(headers, rows)}\n`);
      } finally {
        await store.close();
      }
    });
}

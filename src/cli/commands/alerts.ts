// `coastguard alerts`: the runtime agent's aggregated alerts from the store, most recently seen first.
import type { Command } from 'commander';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice, parsePositiveInt } from '../options.js';

export function registerAlerts(program: Command): void {
  program
    .command('alerts')
    .description("list the runtime agent's alerts (aggregated, with counts), most recently seen first")
    .option('--limit <n>', 'how many to show', parsePositiveInt, 50)
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: { limit: number; format: 'table' | 'json' }) => {
      const { openStore } = await import('../../store/index.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const alerts = await store.runtime.listAlerts({ limit: flags.limit });
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify(alerts, null, 2)}\n`);
          return;
        }
        const rows = alerts.map((a) => [
          a.lastSeen.slice(0, 19),
          a.priority,
          String(a.count),
          a.container.name ?? a.container.id.slice(0, 12),
          a.rule,
        ]);
        process.stdout.write(
          `${formatColumns(['LAST SEEN', 'PRIORITY', 'COUNT', 'CONTAINER', 'RULE'], rows)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}

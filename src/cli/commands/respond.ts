// `coastguard respond`: run one configured runbook on one container by hand (dry run unless the runbook says
// otherwise), each step recorded in the audit trail as the local user.
import type { Command } from 'commander';
import { CoastguardError } from '../../core/errors.js';
import { resolveHome } from '../../pipeline/home.js';
import { EXIT } from '../exit-codes.js';

interface RespondFlags {
  container: string;
  runbook: string;
  reason: string;
  config?: string;
}

export function registerRespond(program: Command): void {
  program
    .command('respond')
    .description(
      'run a runbook from coastguard.yaml on a container now (capture, pause, isolate, stop, kill)',
    )
    .requiredOption('--container <name|id>', 'the container to act on')
    .requiredOption('--runbook <name>', 'the runbook to run (its dryRun setting holds)')
    .option('--reason <text>', 'why, recorded in the audit trail', 'manual response')
    .option('--config <file>', 'coastguard.yaml with the runbooks')
    .action(async (flags: RespondFlags) => {
      const { loadConfig } = await import('../../config/index.js');
      const { respondManually } = await import('../../pipeline/respond.js');
      const { openStore } = await import('../../store/index.js');
      const home = resolveHome();
      const loaded = await loadConfig({ explicit: flags.config, cwd: process.cwd(), home });
      if (loaded.config.runbooks === undefined) {
        const where = loaded.file ?? 'coastguard.yaml (none found in this directory or $COASTGUARD_HOME)';
        throw new CoastguardError(
          'BAD_INPUT',
          `No runbooks are configured in ${where}: add a runbooks: section.`,
        );
      }
      const store = await openStore({ home });
      try {
        const { recordConfigChange } = await import('../../pipeline/governance-events.js');
        const { localActor } = await import('../../audit/index.js');
        await recordConfigChange(store, loaded, { home, actor: localActor() });
        const run = await respondManually({
          runbooks: loaded.config.runbooks,
          home,
          store,
          container: flags.container,
          runbook: flags.runbook,
          reason: flags.reason,
        });
        const target = run.container.name ?? run.container.id.slice(0, 12);
        process.stdout.write(
          `runbook ${run.runbook} ${run.status} on ${target}${run.reason === null ? '' : `: ${run.reason}`}\n`,
        );
        for (const r of run.records) {
          process.stdout.write(
            `  ${r.action}${r.isDryRun ? ' (dry run)' : ''}: ${r.outcome} — ${r.detail}\n`,
          );
        }
        const isFailed = run.status !== 'ran' || run.records.some((r) => r.outcome === 'failed');
        if (isFailed) process.exitCode = EXIT.findingsAtGate;
      } finally {
        await store.close();
      }
    });
}

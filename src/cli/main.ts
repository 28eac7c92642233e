// The coastguard command line: parse flags, call the pipeline, print. Maps every failure to one line and an exit code.
import { Command, CommanderError } from 'commander';
import { isCoastguardError } from '../core/errors.js';
import { TOOL } from '../pipeline/tool-version.js';
import { registerAffected } from './commands/affected.js';
import { registerAgent } from './commands/agent.js';
import { registerAlerts } from './commands/alerts.js';
import { registerAttest } from './commands/attest.js';
import { registerAudit } from './commands/audit.js';
import { registerBaseline } from './commands/baseline.js';
import { registerChecks } from './commands/checks.js';
import { registerDb } from './commands/db.js';
import { registerEvidence } from './commands/evidence.js';
import { registerFindings } from './commands/findings.js';
import { registerHistory } from './commands/history.js';
import { registerImage } from './commands/image.js';
import { registerReport } from './commands/report.js';
import { registerRespond } from './commands/respond.js';
import { registerScan } from './commands/scan.js';
import { EXIT } from './exit-codes.js';

export function createProgram(): Command {
  const program = new Command('coastguard')
    .description('Keeps containerized systems secure and audit-ready.')
    .version(TOOL.version)
    .showHelpAfterError('(run coastguard --help for usage)')
    .exitOverride();
  registerScan(program);
  registerChecks(program);
  registerFindings(program);
  registerHistory(program);
  registerReport(program);
  registerAttest(program);
  registerEvidence(program);
  registerDb(program);
  registerImage(program);
  registerAffected(program);
  registerAgent(program);
  registerAlerts(program);
  registerBaseline(program);
  registerAudit(program);
  registerRespond(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await createProgram().parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.clean;
  } catch (err) {
    return reportError(err);
  }
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has already printed the usage problem; help and --version exit 0.
    return err.exitCode === 0 ? EXIT.clean : EXIT.badInput;
  }
  if (isCoastguardError(err)) {
    process.stderr.write(`coastguard: ${err.message}\n`);
    if (process.env.COASTGUARD_DEBUG) process.stderr.write(`${err.stack}\n`);
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`coastguard: internal error: ${message}\n`);
  process.stderr.write(
    process.env.COASTGUARD_DEBUG ? `${(err as Error).stack}\n` : 'Set COASTGUARD_DEBUG=1 for details.\n',
  );
  return EXIT.internal;
}

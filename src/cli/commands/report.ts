// `coastguard report`: a stored assessment evaluated against a compliance framework, for people (html, pdf), for
// tools (json, oscal, junit, csv), optionally with what changed since an earlier assessment.
import type { Command } from 'commander';
import { CoastguardError } from '../../core/errors.js';
import { resolveHome } from '../../pipeline/home.js';
import { parseChoice, parseTimeOrDuration } from '../options.js';
import { writeOutput } from '../output.js';

/** Kept here so `--help` needs no compliance data; the pipeline's REPORT_FORMATS is the authority. */
const FORMATS = ['json', 'junit', 'csv', 'oscal', 'html', 'pdf'] as const;

interface ReportFlags {
  framework?: string;
  assessment?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  config?: string;
  since?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'evaluate a stored assessment against a compliance framework (status per control, with evidence)',
    )
    .option(
      '--framework <id>',
      'framework id, e.g. pci-dss-4.0, hipaa-security-rule, fedramp-moderate (default: the first in coastguard.yaml)',
    )
    .option('--assessment <id>', 'assessment to evaluate (default: the newest)')
    .option('--format <format>', `report format: ${FORMATS.join(', ')}`, parseChoice(FORMATS), 'json')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--since <when>', 'also show what changed since an assessment id, an ISO time or a duration (7d)')
    .option(
      '--config <file>',
      'configuration file (default: ./coastguard.yaml, else $COASTGUARD_HOME/coastguard.yaml)',
    )
    .action(async (flags: ReportFlags) => {
      if (flags.format === 'pdf' && flags.output === undefined && process.stdout.isTTY) {
        throw new CoastguardError(
          'BAD_USAGE',
          'A PDF is binary: give --output FILE.pdf (or redirect stdout).',
        );
      }
      const { buildComplianceReport, renderComplianceReport } = await import(
        '../../pipeline/compliance-report.js'
      );
      const since = flags.since === undefined ? undefined : parseSinceRef(flags.since);
      const report = await buildComplianceReport({
        home: resolveHome(),
        framework: flags.framework,
        assessmentId: flags.assessment,
        configFile: flags.config,
        cwd: process.cwd(),
        ...(since === undefined ? {} : { since }),
      });
      const body = await renderComplianceReport(report, flags.format);
      await writeOutput(
        flags.output,
        (out) => new Promise((done, fail) => out.write(body, (err) => (err ? fail(err) : done()))),
      );
      if (flags.output !== undefined) process.stderr.write(`Report written to ${flags.output}\n`);
    });
}

/** A time (ISO or a duration back from now) or else an assessment id. */
function parseSinceRef(value: string): { kind: 'time'; at: string } | { kind: 'assessment'; id: string } {
  const at = parseTimeOrDuration(value);
  return at === undefined ? { kind: 'assessment', id: value } : { kind: 'time', at };
}

// `coastguard report`: a stored assessment evaluated against a compliance framework, as json, junit or csv.
import type { Command } from 'commander';
import { resolveHome } from '../../pipeline/home.js';
import { writeText } from '../../report/write-text.js';
import { parseChoice } from '../options.js';
import { writeOutput } from '../output.js';

/** Kept here so `--help` needs no compliance data; the pipeline's registry is the authority. */
const FORMATS = ['json', 'junit', 'csv'] as const;

interface ReportFlags {
  framework: string;
  assessment?: string;
  format: (typeof FORMATS)[number];
  output?: string;
  config?: string;
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('evaluate a stored assessment against a compliance framework (status per control)')
    .requiredOption(
      '--framework <id>',
      'framework id, e.g. pci-dss-4.0, hipaa-security-rule, fedramp-moderate',
    )
    .option('--assessment <id>', 'assessment to evaluate (default: the newest)')
    .option('--format <format>', `report format: ${FORMATS.join(', ')}`, parseChoice(FORMATS), 'json')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--config <file>',
      'configuration file (default: ./coastguard.yaml, else $COASTGUARD_HOME/coastguard.yaml)',
    )
    .action(async (flags: ReportFlags) => {
      const { buildComplianceReport, renderComplianceReport } = await import(
        '../../pipeline/compliance-report.js'
      );
      const report = await buildComplianceReport({
        home: resolveHome(),
        framework: flags.framework,
        assessmentId: flags.assessment,
        configFile: flags.config,
        cwd: process.cwd(),
      });
      const text = renderComplianceReport(report, flags.format);
      await writeOutput(flags.output, (out) => writeText(out, text));
      if (flags.output !== undefined) process.stderr.write(`Report written to ${flags.output}\n`);
    });
}

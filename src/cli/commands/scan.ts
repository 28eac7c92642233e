// `coastguard scan`: inventory this Docker host, run the CIS Docker Benchmark checks, record and report.
import { join } from 'node:path';
import type { Command } from 'commander';
import { isAtLeast, type Severity } from '../../core/result/severity.js';
import { resolveHome } from '../../pipeline/home.js';
import { type ReportFormat, reporters } from '../../report/index.js';
import { EXIT } from '../exit-codes.js';
import { isColorWanted, parseChoice, parseSeverity } from '../options.js';
import { writeOutput } from '../output.js';
import { createProgress } from '../progress.js';

interface ScanFlags {
  format: ReportFormat;
  output?: string;
  html?: string | boolean;
  failOn?: Severity;
  store: boolean;
  images: boolean;
  color: boolean;
}

export function registerScan(program: Command): void {
  program
    .command('scan')
    .description('inventory this Docker host, run the CIS Docker Benchmark v1.6.0 checks, record and report')
    .option(
      '--format <format>',
      `report format: ${Object.keys(reporters).join(', ')}`,
      parseChoice(Object.keys(reporters) as ReportFormat[]),
      'table',
    )
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option(
      '--html [file]',
      'also write the HTML report (default: $COASTGUARD_HOME/reports/scan-<time>.html)',
    )
    .option('--fail-on <severity>', 'exit 1 when a failed check is at or above this severity', parseSeverity)
    .option('--no-store', 'do not record this assessment in the database')
    .option('--no-images', 'skip scanning the images of running containers (vulnerabilities, secrets)')
    .option('--no-color', 'no colour in terminal output')
    .action(async (flags: ScanFlags) => {
      // Loaded on demand: `coastguard --help` and the other commands need none of the collector.
      const { assessHost } = await import('../../pipeline/assess-host.js');
      const home = resolveHome();
      const progress = createProgress();
      const assessment = await assessHost({
        home,
        isRecorded: flags.store,
        isImageScanWanted: flags.images,
        cwd: process.cwd(),
        progress,
      }).finally(() => progress.done());

      const isToTerminal = flags.output === undefined && flags.format === 'table';
      const isColor = isToTerminal && isColorWanted(process.stdout, !flags.color);
      await writeOutput(flags.output, (out) => reporters[flags.format].write(assessment, out, { isColor }));
      if (flags.output !== undefined) process.stderr.write(`Report written to ${flags.output}\n`);

      if (flags.html !== undefined && flags.html !== false) {
        const stamp = assessment.startedAt.replace(/[:.]/g, '-');
        const path =
          typeof flags.html === 'string' ? flags.html : join(home, 'reports', `scan-${stamp}.html`);
        await writeOutput(path, (out) => reporters.html.write(assessment, out));
        process.stderr.write(`HTML report written to ${path}\n`);
      }

      const gate = flags.failOn;
      if (gate && assessment.results.some((r) => r.status === 'fail' && isAtLeast(r.severity, gate))) {
        process.exitCode = EXIT.findingsAtGate;
      }
    });
}

// `coastguard image scan REF`: packages, vulnerabilities with where their fix comes from, and secrets of one image.
import type { Command } from 'commander';
import { isAtLeast, type Severity } from '../../core/result/severity.js';
import { resolveHome } from '../../pipeline/home.js';
import { toTerminalText } from '../../report/table/terminal-text.js';
import { EXIT } from '../exit-codes.js';
import {
  isColorWanted,
  isWarningEchoWanted,
  parseChoice,
  parsePositiveInt,
  parseSeverity,
} from '../options.js';
import { writeOutput } from '../output.js';

const FORMATS = ['table', 'json', 'html', 'sarif', 'cyclonedx', 'spdx'] as const;

interface ImageScanFlags {
  format: (typeof FORMATS)[number];
  output?: string;
  failOn?: Severity;
  maxDbAge: number;
  color: boolean;
  config?: string;
}

export function registerImage(program: Command): void {
  const image = program.command('image').description('scan container images');
  image
    .command('scan <ref>')
    .description(
      'scan an image: NAME (the local engine), docker-archive:FILE (docker save), oci:PATH (OCI layout dir or tar)',
    )
    .option('--format <format>', `output format: ${FORMATS.join(', ')}`, parseChoice(FORMATS), 'table')
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--fail-on <severity>', 'exit 1 when a vulnerability is at or above this severity', parseSeverity)
    .option(
      '--max-db-age <days>',
      'warn when the vulnerability database is older than this',
      parsePositiveInt,
      7,
    )
    .option('--no-color', 'no colour in terminal output')
    .option(
      '--config <file>',
      'configuration with imagePolicy (default: ./coastguard.yaml, else $COASTGUARD_HOME/coastguard.yaml)',
    )
    .action(async (ref: string, flags: ImageScanFlags) => {
      const { scanImage } = await import('../../pipeline/scan-image.js');
      const { imageReporters } = await import('../../report/image/index.js');
      const { loadImagePolicy } = await import('../../pipeline/image-policy.js');
      const home = resolveHome();
      const policy = await loadImagePolicy({ explicit: flags.config, cwd: process.cwd(), home });
      const isTerminal = process.stderr.isTTY === true;
      const result = await scanImage({
        ref,
        home,
        ...(policy === undefined ? {} : { policy }),
        maxDatabaseAgeDays: flags.maxDbAge,
        onProgress: (line) => {
          if (isTerminal) process.stderr.write(`\r\x1b[2K${line}`);
        },
      });
      if (isTerminal) process.stderr.write('\r\x1b[2K');
      const { stdout, stderr } = process;
      if (isWarningEchoWanted({ format: flags.format, output: flags.output, stdout, stderr })) {
        // Warnings can quote the image (its labels, file names): made inert for the terminal like the report.
        for (const warning of result.warnings)
          stderr.write(`coastguard: warning: ${toTerminalText(warning)}\n`);
      }
      const isColor =
        flags.output === undefined && flags.format === 'table' && isColorWanted(process.stdout, !flags.color);
      const { TOOL } = await import('../../pipeline/tool-version.js');
      await writeOutput(flags.output, (out) =>
        imageReporters[flags.format].write(result, out, { isColor, tool: TOOL }),
      );
      if (flags.output !== undefined) process.stderr.write(`Report written to ${flags.output}\n`);
      const gate = flags.failOn;
      const isOverGate =
        gate !== undefined &&
        result.vulnerabilities.some((v) => v.severity !== 'unknown' && isAtLeast(v.severity, gate));
      // A policy is a gate too: an image that breaks it must not pass CI.
      const isPolicyBroken = (result.policy ?? []).some((r) => r.status === 'fail');
      if (isOverGate || isPolicyBroken) process.exitCode = EXIT.findingsAtGate;
    });
}

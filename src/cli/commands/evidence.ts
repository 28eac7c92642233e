// `coastguard evidence export|verify`: a signed archive of one assessment's compliance evidence, and the check an
// auditor runs on it (or on a runtime capture) elsewhere.
import type { Command } from 'commander';
import { resolveHome } from '../../pipeline/home.js';
import { EXIT } from '../exit-codes.js';

interface ExportFlags {
  framework: string[];
  assessment?: string;
  config?: string;
  output?: string;
  pdf?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function registerEvidence(program: Command): void {
  const evidence = program
    .command('evidence')
    .description('signed compliance evidence bundles: export one, verify one');
  evidence
    .command('export')
    .description('write the assessment, every report and the attestations as a signed .tar.gz')
    .option(
      '--framework <id>',
      'a framework to report on; repeat for several (default: those in coastguard.yaml)',
      collect,
      [],
    )
    .option('--assessment <id>', 'assessment to export (default: the newest)')
    .option(
      '--output <file>',
      'archive to write (default: $COASTGUARD_HOME/evidence/compliance-<time>-<id>.tar.gz)',
    )
    .option('--pdf', 'also print each report to PDF (needs Chromium)')
    .option(
      '--config <file>',
      'configuration file (default: ./coastguard.yaml, else $COASTGUARD_HOME/coastguard.yaml)',
    )
    .action(async (flags: ExportFlags) => {
      const { exportEvidence } = await import('../../pipeline/evidence.js');
      const done = await exportEvidence({
        home: resolveHome(),
        cwd: process.cwd(),
        frameworks: flags.framework,
        assessmentId: flags.assessment,
        configFile: flags.config,
        output: flags.output,
        isPdfWanted: flags.pdf === true,
        onFile: (path) => process.stderr.write(`  ${path}\n`),
      });
      process.stdout.write(
        `Evidence bundle written to ${done.archive} (${done.files} files, manifest sha256:${done.manifestSha256})\n`,
      );
    });
  evidence
    .command('verify')
    .argument('<bundle>', 'a bundle archive (.tar.gz) or directory')
    .description('check the signed manifest and every file; exit 1 naming what was altered, added or removed')
    .option('--public-key <file>', "the exporting host's key (coastguard audit key); default this host's key")
    .action(async (bundle: string, flags: { publicKey?: string }) => {
      const { verifyEvidence } = await import('../../pipeline/evidence.js');
      const verdict = await verifyEvidence(bundle, { home: resolveHome(), publicKeyFile: flags.publicKey });
      if (verdict.isValid) {
        const files = verdict.manifest?.files.length ?? 0;
        process.stdout.write(`OK: ${bundle} is intact (${files} files; ${verdict.trust}).\n`);
        return;
      }
      for (const problem of verdict.problems) process.stdout.write(`ALTERED: ${problem}\n`);
      process.stdout.write(`${bundle} failed verification (${verdict.trust}).\n`);
      process.exitCode = EXIT.findingsAtGate;
    });
}

// `coastguard attest FRAMEWORK:CONTROL`: a person answers a manual control, with a statement and evidence files;
// `coastguard attestations`: what has been attested, for review before an audit.
import type { Command } from 'commander';
import type { Attestation } from '../../core/compliance/attestation.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { parseChoice } from '../options.js';

interface AttestFlags {
  statement: string;
  file: string[];
  by?: string;
  expires?: string;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

export function formatAttestations(attestations: readonly Attestation[]): string {
  if (attestations.length === 0) return 'No attestations recorded (see coastguard attest --help).';
  const rows = attestations.map((a) => [
    `${a.framework}:${a.control}`,
    a.by,
    a.at.slice(0, 19),
    a.expires ?? '-',
    String(a.files.length),
    a.statement.length > 60 ? `${a.statement.slice(0, 57)}...` : a.statement,
  ]);
  return formatColumns(['CONTROL', 'BY', 'AT', 'EXPIRES', 'FILES', 'STATEMENT'], rows);
}

export function registerAttest(program: Command): void {
  program
    .command('attest')
    .argument('<control>', 'FRAMEWORK:CONTROL, e.g. pci-dss-4.0:12.10.1')
    .description(
      'answer a manual control: a statement, evidence files (hashed, not copied), who and until when',
    )
    .requiredOption('--statement <text>', 'what is attested, in words an auditor reads')
    .option('--file <path>', 'an evidence file; repeat for several', collect, [])
    .option('--by <name>', 'who attests (default: the local user)')
    .option('--expires <date>', 'after this date the control is manual again, e.g. 2027-03-31')
    .action(async (control: string, flags: AttestFlags) => {
      const [{ openStore }, { recordAttestation, parseControlRef }, { localActor }] = await Promise.all([
        import('../../store/index.js'),
        import('../../pipeline/attest.js'),
        import('../../audit/index.js'),
      ]);
      parseControlRef(control);
      const home = resolveHome();
      const store = await openStore({ home });
      try {
        const attestation = await recordAttestation(store, {
          control,
          statement: flags.statement,
          files: flags.file,
          by: flags.by ?? localActor(),
          ...(flags.expires === undefined ? {} : { expires: flags.expires }),
          home,
          cwd: process.cwd(),
        });
        const files = attestation.files.map((f) => `\n  ${f.path} sha256:${f.sha256}`).join('');
        process.stdout.write(
          `Attested ${attestation.framework}:${attestation.control} as ${attestation.by} (${attestation.id})${files}\n`,
        );
      } finally {
        await store.close();
      }
    });
  program
    .command('attestations')
    .description('list recorded attestations')
    .option('--framework <id>', 'only those of one framework')
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: { framework?: string; format: 'table' | 'json' }) => {
      const { openStore } = await import('../../store/index.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const list = await store.attestations.list(
          flags.framework === undefined ? {} : { framework: flags.framework },
        );
        process.stdout.write(
          flags.format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : `${formatAttestations(list)}\n`,
        );
      } finally {
        await store.close();
      }
    });
}

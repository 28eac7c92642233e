// `coastguard audit`: verify the tamper-evident trail (or an export of it), show it, export it, show the key.
import { type Command, InvalidArgumentError } from 'commander';
import type { TrailVerdict } from '../../audit/index.js';
import { CoastguardError } from '../../core/errors.js';
import { resolveHome } from '../../pipeline/home.js';
import { formatColumns } from '../columns.js';
import { EXIT } from '../exit-codes.js';
import { parseChoice, parsePositiveInt, parseTimeOrDuration } from '../options.js';
import { registerAuditForward, registerAuditStatus } from './audit-export.js';

interface VerifyFlags {
  from?: number;
  publicKey?: string;
  file?: string;
}

interface ShowFlags {
  since?: string;
  action?: string;
  format: 'table' | 'json';
}

/** `--since`: an ISO-8601 time, or a duration back from now (`90s`, `30m`, `24h`, `7d`, `2w`). */
export function parseSince(value: string, now: Date = new Date()): string {
  const time = parseTimeOrDuration(value, now);
  if (time === undefined) {
    throw new InvalidArgumentError(
      'expected an ISO-8601 time (2024-05-01T12:00:00Z) or a duration like 24h or 7d',
    );
  }
  return time;
}

export function registerAudit(program: Command): void {
  const audit = program
    .command('audit')
    .description('the tamper-evident audit trail: verify, show, export, key; forward to SIEMs, status');

  audit
    .command('verify')
    .description(
      'prove the trail was not altered, removed from, inserted into or reordered (exit 1 if it was)',
    )
    .option('--from <seq>', 'verify from this entry on', parsePositiveInt)
    .option(
      '--public-key <file>',
      'check checkpoint signatures with this public key (from coastguard audit key)',
    )
    .option('--file <export>', 'verify an export file instead of the database')
    .action(async (flags: VerifyFlags) => {
      const { readPublicKeyFile } = await import('../../audit/index.js');
      const publicKey = flags.publicKey === undefined ? undefined : readPublicKeyFile(flags.publicKey);
      if (flags.file !== undefined) {
        if (flags.from !== undefined) {
          throw new CoastguardError(
            'BAD_USAGE',
            '--from applies to the database; an export is verified whole.',
          );
        }
        const { verifyArchive } = await import('../../audit/index.js');
        const { verdict, header } = await verifyArchive(
          flags.file,
          publicKey === undefined ? {} : { publicKey },
        );
        const keyNote =
          publicKey === undefined
            ? ` against the key named in the export (${header.keyId}); pass --public-key to use a key you trust`
            : ` with key ${publicKey.keyId}`;
        reportVerdict(verdict, `export ${flags.file}`, keyNote);
        return;
      }
      const { loadHomePublicKey } = await import('../../audit/index.js');
      const { verifyAuditStore } = await import('../../pipeline/audit-verify.js');
      const { openStore } = await import('../../store/index.js');
      const home = resolveHome();
      const store = await openStore({ home });
      try {
        const key = publicKey ?? loadHomePublicKey(home);
        if (key === undefined && (await store.audit.listCheckpoints()).length > 0) {
          throw new CoastguardError(
            'BAD_USAGE',
            `The trail has signed checkpoints but ${home} has no audit key; pass --public-key FILE.`,
          );
        }
        const verdict = await verifyAuditStore(store, {
          home,
          ...(flags.from === undefined ? {} : { from: flags.from }),
          ...(key === undefined ? {} : { publicKey: key }),
        });
        reportVerdict(verdict, 'audit trail', key === undefined ? '' : ` with key ${key.keyId}`);
      } finally {
        await store.close();
      }
    });

  audit
    .command('show')
    .description('list audit entries, oldest first')
    .option('--since <time>', 'ISO-8601 time or a duration back from now (24h, 7d)', (v: string) =>
      parseSince(v),
    )
    .option('--action <action>', 'only this action (assessment.recorded, finding.opened, …)')
    .option('--format <format>', 'table or json', parseChoice(['table', 'json'] as const), 'table')
    .action(async (flags: ShowFlags) => {
      const { openStore } = await import('../../store/index.js');
      const { toAuditEntry } = await import('../../core/audit/audit-entry.js');
      const store = await openStore({ home: resolveHome() });
      try {
        const stored = await store.audit.list({
          ...(flags.since === undefined ? {} : { sinceTime: flags.since }),
          ...(flags.action === undefined ? {} : { action: flags.action }),
        });
        if (flags.format === 'json') {
          // A row whose data is not JSON is shown as damaged, not hidden: `audit verify` names it.
          const entries = stored.map(
            (s) => toAuditEntry(s) ?? { ...s, canonicalData: undefined, isDamaged: true },
          );
          process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
          return;
        }
        const rows = stored.map((e) => [String(e.seq), e.time.slice(0, 19), e.actor, e.action, e.subject]);
        process.stdout.write(
          `${formatColumns(['SEQ', 'TIME', 'ACTOR', 'ACTION', 'SUBJECT'], rows)}\n\n${stored.length} entries\n`,
        );
      } finally {
        await store.close();
      }
    });

  audit
    .command('export')
    .description('write the trail and its signed checkpoints as JSON lines, verifiable without the database')
    .option('--output <file>', 'write to this file (default: standard output)')
    .action(async (flags: { output?: string }) => {
      const { checkpointAudit, loadOrCreateSigner, writeArchive, writeArchiveFile } = await import(
        '../../audit/index.js'
      );
      const { openStore } = await import('../../store/index.js');
      const home = resolveHome();
      const store = await openStore({ home });
      try {
        // Sign the head first, so the export's last entry is covered and cutting its tail is detectable.
        await checkpointAudit(store, { home });
        const signer = loadOrCreateSigner(home);
        const counts =
          flags.output === undefined
            ? await writeArchive(store, process.stdout, signer)
            : await writeArchiveFile(store, flags.output, signer);
        process.stderr.write(
          `exported ${counts.entries} entries and ${counts.checkpoints} signed checkpoints` +
            `${flags.output === undefined ? '' : ` to ${flags.output}`} (key ${signer.keyId})\n`,
        );
      } finally {
        await store.close();
      }
    });

  audit
    .command('key')
    .description("print the audit trail's public key (PEM) and fingerprint, to hand to auditors")
    .action(async () => {
      const { loadOrCreateSigner } = await import('../../audit/index.js');
      const signer = loadOrCreateSigner(resolveHome());
      // Text before the PEM boundary is ignored by PEM readers (RFC 7468 §5.2), so the output saves as a key file.
      process.stdout.write(`Coastguard audit key ${signer.keyId}\n${signer.pem}`);
    });

  registerAuditStatus(audit);
  registerAuditForward(audit);
}

function reportVerdict(verdict: TrailVerdict, what: string, keyNote: string): void {
  if (!verdict.ok) {
    process.stdout.write(`${what} broken at seq ${verdict.seq}: ${verdict.reason}\n`);
    process.exitCode = EXIT.findingsAtGate;
    return;
  }
  const range =
    verdict.lastSeq === undefined ? 'no entries' : `entries ${verdict.firstSeq}–${verdict.lastSeq}`;
  const signed =
    verdict.checkpoints === 0 ? 'no checkpoints' : `${verdict.checkpoints} checkpoints verified${keyNote}`;
  process.stdout.write(`${what} verified: ${range}, ${signed}\n`);
}

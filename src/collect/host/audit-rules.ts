// Linux audit rules, from the kernel (`auditctl -l`) and from the files auditd loads at boot
// (/etc/audit/rules.d/*.rules, /etc/audit/audit.rules). CIS 1.1.3–1.1.18 look for watches on Docker's files.
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditRules } from '../../core/inventory/host.js';
import { describeFsError, readBounded } from '../read-bounded.js';

const RULES_DIR = '/etc/audit/rules.d';
const RULES_FILE = '/etc/audit/audit.rules';
const MAX_RULES_BYTES = 4 * 1024 * 1024;
const AUDITCTL_TIMEOUT_MS = 5_000;

/**
 * One rule per line, comments and blank lines dropped, whitespace collapsed: `-w  /usr/bin/dockerd -k docker`
 * and `-w /usr/bin/dockerd -k docker` compare equal. Control lines (-D, -b, -e, -f) are kept: they are rules too.
 */
export function normalizeAuditRules(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#') && line !== 'No rules')
    .map((line) => line.replace(/\s+/g, ' '));
}

export interface AuditSources {
  /** `auditctl -l` output, or why it could not run. */
  auditctl: { output: string } | { error: string };
  files: { path: string; text?: string; error?: string }[];
}

/** Pure: the gathered sources → the core AuditRules (de-duplicated, in source order). */
export function buildAuditRules(sources: AuditSources): AuditRules {
  const rules: string[] = [];
  const readSources: string[] = [];
  const errors: string[] = [];
  if ('output' in sources.auditctl) {
    readSources.push('auditctl -l');
    rules.push(...normalizeAuditRules(sources.auditctl.output));
  } else {
    errors.push(`auditctl -l: ${sources.auditctl.error}`);
  }
  for (const file of sources.files) {
    if (file.text !== undefined) {
      readSources.push(file.path);
      rules.push(...normalizeAuditRules(file.text));
    } else if (file.error) {
      errors.push(`${file.path}: ${file.error}`);
    }
  }
  return { isAvailable: readSources.length > 0, rules: [...new Set(rules)], sources: readSources, errors };
}

function runAuditctl(): Promise<AuditSources['auditctl']> {
  return new Promise((resolve) => {
    execFile(
      'auditctl',
      ['-l'],
      { timeout: AUDITCTL_TIMEOUT_MS, maxBuffer: MAX_RULES_BYTES, env: { PATH: process.env.PATH ?? '' } },
      (err, stdout, stderr) => {
        if (!err) {
          resolve({ output: stdout });
          return;
        }
        const code = (err as { code?: unknown }).code;
        if (code === 'ENOENT') resolve({ error: 'not installed' });
        else resolve({ error: (stderr.trim() || err.message).split('\n')[0] ?? 'failed' });
      },
    );
  });
}

async function readRuleFiles(root: string): Promise<AuditSources['files']> {
  let names: string[] = [];
  const files: AuditSources['files'] = [];
  try {
    names = (await readdir(join(root, RULES_DIR))).filter((n) => n.endsWith('.rules')).sort();
  } catch (err) {
    if ((err as { code?: string }).code !== 'ENOENT')
      files.push({ path: RULES_DIR, error: describeFsError(err) });
  }
  for (const path of [...names.map((n) => join(RULES_DIR, n)), RULES_FILE]) {
    try {
      files.push({ path, text: (await readBounded(join(root, path), MAX_RULES_BYTES)).toString('utf8') });
    } catch (err) {
      // A missing audit.rules is normal where auditd is not installed; other failures are worth saying.
      if ((err as { code?: string }).code !== 'ENOENT') files.push({ path, error: describeFsError(err) });
    }
  }
  return files;
}

export async function collectAuditRules(root = ''): Promise<AuditRules> {
  const [auditctl, files] = await Promise.all([runAuditctl(), readRuleFiles(root)]);
  return buildAuditRules({ auditctl, files });
}

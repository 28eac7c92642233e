// Finds secrets in text, pure: what kind, where (line), and a short hash of the value, never the value itself.
import { createHash } from 'node:crypto';
import type { SecretFound } from '../analyzer.js';
import { SECRET_ENV_NAME, SECRET_ENV_REFERENCE, SECRET_RULES, type SecretRule } from './rules.js';

/** One file full of matches is one problem, not thousands of lines of output. */
export const MAX_SECRETS_PER_FILE = 100;

/** First 12 hex digits of SHA-256: enough to tell secrets apart and find one again, too short to reverse. */
export function hashSecret(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

export interface ScanOptions {
  /** Apply the loose rules meant for configuration files (generic `password=`). */
  readonly isConfig: boolean;
}

export function findSecretsInText(text: string, path: string, options: ScanOptions): SecretFound[] {
  const found: SecretFound[] = [];
  const rules = SECRET_RULES.filter((rule) => options.isConfig || rule.configOnly !== true);
  // Most files hold no keyword at all: one search settles them, and only files with a hit pay for line numbers.
  const lineRules = rules.filter((r) => !r.multiline);
  const keywordHits: number[] = [];
  for (const hit of text.matchAll(keywordsOf(lineRules))) keywordHits.push(hit.index);
  const multilineRules = rules.filter((r) => r.multiline && keywordsOf([r]).test(text));
  if (keywordHits.length === 0 && multilineRules.length === 0) return found;
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  for (const rule of multilineRules) {
    for (const { value, index } of matches(rule, text)) {
      found.push({
        type: rule.type,
        path,
        hash: hashSecret(value.replace(/\s+/g, '')),
        line: lineOf(lineStarts, index),
      });
    }
  }
  // A single-line rule matches only on a line holding one of its keywords: those lines alone go through the rules.
  const candidates = new Set(keywordHits.map((index) => lineOf(lineStarts, index) - 1));
  for (const n of candidates) {
    const line = text.slice(lineStarts[n] ?? 0, lineStarts[n + 1] ?? text.length);
    for (const rule of lineRules) {
      // Commented-out settings in configuration files are examples far more often than live credentials.
      if (rule.configOnly && /^\s*(?:#|;|\/\/)/.test(line)) continue;
      for (const { value } of matches(rule, line))
        found.push({ type: rule.type, path, hash: hashSecret(value), line: n + 1 });
    }
  }
  found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return found.slice(0, MAX_SECRETS_PER_FILE);
}

const keywordPatterns = new Map<string, RegExp>();

/** A case-blind search for any keyword of `rules`; global for matchAll, and reset so `test` starts at 0. */
function keywordsOf(rules: readonly SecretRule[]): RegExp {
  const keywords = rules.flatMap((r) => r.keywords.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  const source = keywords.join('|');
  let pattern = keywordPatterns.get(source);
  if (pattern === undefined) {
    pattern = new RegExp(source, 'gi');
    keywordPatterns.set(source, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

function* matches(rule: SecretRule, text: string): Generator<{ value: string; index: number }> {
  for (const match of text.matchAll(rule.pattern)) {
    const value = match.groups?.value;
    if (value === undefined || rule.isPlaceholder?.(value)) continue;
    yield { value, index: match.index };
  }
}

function lineOf(lineStarts: readonly number[], index: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= index) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/**
 * Secrets in an image configuration's `Env` (`NAME=value` entries): a value in a known token format, or any
 * non-empty value of a variable named like a credential. Reported at path `config:Env[NAME]`.
 */
export function findEnvSecrets(env: readonly string[]): SecretFound[] {
  const found: SecretFound[] = [];
  for (const entry of env) {
    const equals = entry.indexOf('=');
    if (equals <= 0) continue;
    const name = entry.slice(0, equals);
    const value = entry.slice(equals + 1);
    if (value === '') continue;
    const path = `config:Env[${name}]`;
    const known = findSecretsInText(value, path, { isConfig: false }).map(
      ({ line: _line, ...secret }) => secret,
    );
    if (known.length > 0) {
      found.push(...known);
    } else if (SECRET_ENV_NAME.test(name) && !SECRET_ENV_REFERENCE.test(name)) {
      found.push({
        type: /PASS/i.test(name) ? 'password-in-env' : 'secret-in-env',
        path,
        hash: hashSecret(value),
      });
    }
  }
  return found;
}

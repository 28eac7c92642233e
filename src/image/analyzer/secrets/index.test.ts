import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { offer } from '../../../../test/support/layer-file.js';
import type { Found, SecretFound } from '../analyzer.js';
import { secrets } from './index.js';
import { findEnvSecrets, findSecretsInText, hashSecret, MAX_SECRETS_PER_FILE } from './parse.js';
import { SECRET_RULES } from './rules.js';

function secretsOf(found: Found[] | 'not wanted'): SecretFound[] {
  if (found === 'not wanted') throw new Error('not wanted');
  return found.flatMap((f) => (f.kind === 'secret' ? [f.secret] : []));
}

// Built at run time so that no token-shaped literal sits in the repository for other scanners to flag.
const AWS_ID = `AKIA${'Q3EGRT7ZK2MPLX4B'}`;
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8e1d5Ab2';
const GITHUB = `ghp_${'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3z5A'}`;
const GITLAB = `glpat-${'xY12_ab-CD34efGH56ij'}`;
const SLACK = `xoxb-${'1234567890-0987654321-AbCdEfGhIjKlMnOp'}`;
const PEM = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

describe('secrets analyzer', () => {
  it('finds a real private key, cloud keys and tokens, with lines and hashes but never the values', async () => {
    const text = [
      '# deploy settings',
      `export AWS_ACCESS_KEY_ID=${AWS_ID}`,
      `aws_secret_access_key = ${AWS_SECRET}`,
      `git clone https://x:${GITHUB}@github.com/o/r`,
      `GITLAB=${GITLAB}`,
      `slack: ${SLACK}`,
      PEM,
    ].join('\n');
    const found = await offer(secrets, 'root/deploy.sh', text);
    const result = secretsOf(found);
    expect(result.map((s) => [s.type, s.line])).toEqual([
      ['aws-access-key-id', 2],
      ['aws-secret-access-key', 3],
      ['github-token', 4],
      ['gitlab-token', 5],
      ['slack-token', 6],
      ['private-key', 7],
    ]);
    expect(result.find((s) => s.type === 'github-token')?.hash).toBe(hashSecret(GITHUB));
    expect(result.every((s) => /^[0-9a-f]{12}$/.test(s.hash) && s.path === 'root/deploy.sh')).toBe(true);
    const serialized = JSON.stringify(found);
    for (const value of [AWS_ID, AWS_SECRET, GITHUB, GITLAB, SLACK, 'PRIVATE KEY-----\n']) {
      expect(serialized).not.toContain(value);
    }
  });

  it('finds passwords in configuration files only, skipping comments and placeholders', async () => {
    const config = `db:\n  password: "s3cr3t-Pa55"\n# password=commented-out\n  pwd: $\{DB_PASSWORD}\n  password: changeme\n`;
    expect(
      secretsOf(await offer(secrets, 'etc/app/config.yaml', config)).map((s) => [s.type, s.line, s.hash]),
    ).toEqual([['password-in-config', 2, hashSecret('s3cr3t-Pa55')]]);
    expect(secretsOf(await offer(secrets, 'app/.env', 'DATABASE_PASSWORD=hunter22\n'))).toHaveLength(1);
    expect(secretsOf(await offer(secrets, 'app/main.py', 'password = "hunter22"\n'))).toEqual([]);
  });

  it('skips binary content, documentation, public certificates and files over its bound', async () => {
    expect(
      secretsOf(
        await offer(secrets, 'usr/bin/tool.cfg', Buffer.concat([Buffer.from(GITHUB), Buffer.from([0])])),
      ),
    ).toEqual([]);
    expect(await offer(secrets, 'usr/share/doc/x/README', GITHUB)).toBe('not wanted');
    expect(await offer(secrets, 'etc/ssl/certs/ca.pem', GITHUB)).toBe('not wanted');
    expect(await offer(secrets, 'usr/lib/libx.so.1.2', GITHUB)).toBe('not wanted');
    expect(await offer(secrets, 'data/big.txt', GITHUB, { size: 2 * 1024 * 1024 })).toBe('not wanted');
  });

  it('ignores documentation examples and truncated key blocks', async () => {
    const text = 'AKIAIOSFODNN7EXAMPLE\n-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n';
    expect(secretsOf(await offer(secrets, 'README.md', text))).toEqual([]);
  });

  it('bounds the findings of one file', async () => {
    const text = Array.from({ length: 500 }, (_, i) => `ghp_${String(i).padStart(36, 'a')}`).join('\n');
    expect(secretsOf(await offer(secrets, 'tokens.txt', text))).toHaveLength(MAX_SECRETS_PER_FILE);
  });
});

describe('secrets in the image configuration Env', () => {
  it('reports credential-named variables and known token formats, never their values', () => {
    const found = findEnvSecrets([
      'PATH=/usr/local/bin:/usr/bin',
      'POSTGRES_PASSWORD=hunter22',
      'API_KEY=abc123',
      `GITHUB_AUTH=${GITHUB}`,
      'EMPTY_TOKEN=',
      'POSTGRES_PASSWORD_FILE=/run/secrets/db',
      'malformed',
    ]);
    expect(found).toEqual([
      { type: 'password-in-env', path: 'config:Env[POSTGRES_PASSWORD]', hash: hashSecret('hunter22') },
      { type: 'secret-in-env', path: 'config:Env[API_KEY]', hash: hashSecret('abc123') },
      { type: 'github-token', path: 'config:Env[GITHUB_AUTH]', hash: hashSecret(GITHUB) },
    ]);
    expect(JSON.stringify(found)).not.toContain('hunter22');
  });
});

describe('secrets rules on look-alikes', () => {
  it('does not take code naming the PEM markers, or nsswitch.conf databases, for secrets', async () => {
    const code =
      "MARKER = ('-----BEGIN RSA PRIVATE KEY-----', '-----END RSA PRIVATE KEY-----')\nif x:\n  y = '-----END PRIVATE KEY-----'\n";
    expect(secretsOf(await offer(secrets, 'lib/crypt.py', code))).toEqual([]);
    const nsswitch = 'passwd:         files systemd\ngroup:          files systemd\n';
    expect(secretsOf(await offer(secrets, 'etc/nsswitch.conf', nsswitch))).toEqual([]);
    expect(secretsOf(await offer(secrets, 'app/.env', 'PWD=/srv/app\n'))).toEqual([]);
  });

  it('finds a key inside a JSON string, as service-account files hold one', async () => {
    const body = PEM.replace(/\n/g, '\\n');
    const json = `{\n  "type": "service_account",\n  "private_key": "${body}"\n}\n`;
    expect(secretsOf(await offer(secrets, 'app/sa.json', json)).map((s) => [s.type, s.line])).toEqual([
      ['private-key', 3],
    ]);
  });

  it('finds secrets on any line of a large file, searching only the lines that hold a keyword', () => {
    const filler = Array.from({ length: 20_000 }, (_, i) => `echo "line ${i} of a long generated script"`);
    filler.splice(0, 0, `KEY=${AWS_ID}`);
    filler.splice(10_000, 0, `token ${SLACK}`);
    filler.push(`remote ${GITHUB}`);
    const found = findSecretsInText(filler.join('\n'), 'usr/bin/big.sh', { isConfig: false });
    expect(found.map((f) => [f.type, f.line])).toEqual([
      ['aws-access-key-id', 1],
      ['slack-token', 10_001],
      ['github-token', 20_003],
    ]);
  });

  it('sees one of a rule’s keywords in each of its matches, so the keyword search never hides a secret', () => {
    const webhook = `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${'aBcDeFgHiJkLmNoPqRsT'}`;
    const pat = `github_pat_${'A1b2'.repeat(20)}xy`;
    const samples = [
      PEM,
      AWS_ID,
      `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
      GITHUB,
      pat,
      GITLAB,
      SLACK,
      webhook,
      'db_password: s3cr3t-Pa55',
      'admin_pwd=s3cr3t-Pa55',
    ];
    for (const rule of SECRET_RULES) {
      const hits = samples.flatMap((sample) => [...sample.matchAll(rule.pattern)].map((m) => m[0]));
      expect(hits.length, rule.type).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(
          rule.keywords.some((k) => hit.toLowerCase().includes(k.toLowerCase())),
          `${rule.type}: ${hit}`,
        ).toBe(true);
      }
    }
  });
});

// What a secret looks like: one rule per kind, each a pattern whose `value` group is the secret itself (what is
// hashed, never shown). Token formats are the issuers' own published prefixes (AWS IAM "Understanding unique ID
// prefixes", GitHub "About authentication: token formats", GitLab "Token overview", Slack "Token types").

export interface SecretRule {
  /** The `type` of what it finds. */
  readonly type: string;
  /** Global; the named group `value` is the secret. Single-line unless `multiline`. */
  readonly pattern: RegExp;
  /**
   * Text every match contains (compared ignoring case): a file or line holding none of them is not searched with
   * the pattern, which keeps scanning an image's thousands of scripts and sources cheap.
   */
  readonly keywords: readonly string[];
  /** Matched over the whole text rather than line by line (PEM blocks span lines). */
  readonly multiline?: boolean;
  /** Only in configuration files: the pattern is too loose for source code and data. */
  readonly configOnly?: boolean;
  /** A value this rule must not report: documentation examples and placeholders. */
  readonly isPlaceholder?: (value: string) => boolean;
}

const PLACEHOLDER =
  /^(?:[$%<{@*]|\.\.\.|x{3,}$|(?:none|null|nil|true|false|undefined|changeme|password|secret)$)/i;

export const SECRET_RULES: readonly SecretRule[] = [
  {
    // The body must be PEM (base64, RFC 7468, with RFC 1421 `Proc-Type:` headers), raw or inside a JSON string
    // (`\n` escapes, as in cloud service-account files): code that merely names the markers is not a key.
    type: 'private-key',
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?<value>(?:[A-Za-z0-9+/=\s:,.-]|\\[rn]){16,}?)-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g,
    keywords: ['PRIVATE KEY'],
    multiline: true,
  },
  {
    type: 'aws-access-key-id',
    pattern: /(?<![A-Z0-9])(?<value>(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{16})(?![A-Z0-9])/g,
    keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA', 'AROA', 'AIDA'],
    // AWS's documentation example (AKIAIOSFODNN7EXAMPLE) appears in countless READMEs and tests.
    isPlaceholder: (value) => value.endsWith('EXAMPLE'),
  },
  {
    type: 'aws-secret-access-key',
    pattern:
      /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?(?<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])/gi,
    keywords: ['aws'],
    isPlaceholder: (value) => value.endsWith('EXAMPLEKEY'),
  },
  {
    type: 'github-token',
    pattern: /(?<![A-Za-z0-9_])(?<value>gh[pousr]_[A-Za-z0-9]{36,255})(?![A-Za-z0-9_])/g,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_'],
  },
  {
    type: 'github-token',
    pattern: /(?<![A-Za-z0-9_])(?<value>github_pat_[A-Za-z0-9_]{82})(?![A-Za-z0-9_])/g,
    keywords: ['github_pat_'],
  },
  {
    type: 'gitlab-token',
    pattern: /(?<![A-Za-z0-9_-])(?<value>glpat-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
    keywords: ['glpat-'],
  },
  {
    type: 'slack-token',
    pattern: /(?<![A-Za-z0-9_-])(?<value>xox[abposr]-[A-Za-z0-9-]{10,})(?![A-Za-z0-9_-])/g,
    keywords: ['xox'],
  },
  {
    type: 'slack-webhook',
    pattern: /(?<value>https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{16,})/g,
    keywords: ['hooks.slack.com'],
  },
  {
    type: 'password-in-config',
    pattern:
      /(?:^|[\s"'{,;])(?:[\w.-]*(?:password|passphrase)|[\w.-]+(?:passwd|pwd))["']?\s*[:=]\s*["']?(?<value>[^\s"',;#}]{4,})/gi,
    keywords: ['pass', 'pwd'],
    configOnly: true,
    // A bare `passwd:` or `pwd=` key names a database or a directory (nsswitch.conf, dotenv PWD), not a secret.
    isPlaceholder: (value) => PLACEHOLDER.test(value),
  },
];

/** Names of image configuration `Env` entries whose value is a credential. */
export const SECRET_ENV_NAME =
  /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIAL/i;
/** …unless the variable names where the secret is kept (`POSTGRES_PASSWORD_FILE=/run/secrets/db`). */
export const SECRET_ENV_REFERENCE = /_(?:FILE|PATH|DIR)$/i;

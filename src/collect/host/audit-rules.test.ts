import { describe, expect, it } from 'vitest';
import { buildAuditRules, normalizeAuditRules } from './audit-rules.js';

describe('normalizeAuditRules', () => {
  it('drops comments, blank lines and "No rules", and collapses whitespace', () => {
    const text = `## Docker
-D
-b 8192

-w   /usr/bin/dockerd  -p wa -k docker
\t-a always,exit -F path=/usr/bin/containerd -F perm=wa -k docker
# -w /etc/docker -k docker
No rules
`;
    expect(normalizeAuditRules(text)).toEqual([
      '-D',
      '-b 8192',
      '-w /usr/bin/dockerd -p wa -k docker',
      '-a always,exit -F path=/usr/bin/containerd -F perm=wa -k docker',
    ]);
  });
});

describe('buildAuditRules', () => {
  it('merges auditctl and the rule files, de-duplicated, and names every source read', () => {
    const rules = buildAuditRules({
      auditctl: { output: '-w /usr/bin/dockerd -p wa -k docker\n' },
      files: [
        {
          path: '/etc/audit/rules.d/docker.rules',
          text: '-w /usr/bin/dockerd -p wa -k docker\n-w /etc/docker -p wa\n',
        },
        { path: '/etc/audit/audit.rules', error: 'permission denied' },
      ],
    });
    expect(rules).toEqual({
      isAvailable: true,
      rules: ['-w /usr/bin/dockerd -p wa -k docker', '-w /etc/docker -p wa'],
      sources: ['auditctl -l', '/etc/audit/rules.d/docker.rules'],
      errors: ['/etc/audit/audit.rules: permission denied'],
    });
  });

  it('is unavailable when neither auditctl nor any file could be read', () => {
    expect(buildAuditRules({ auditctl: { error: 'not installed' }, files: [] })).toEqual({
      isAvailable: false,
      rules: [],
      sources: [],
      errors: ['auditctl -l: not installed'],
    });
  });

  it('is available from the files alone when auditctl fails', () => {
    const rules = buildAuditRules({
      auditctl: { error: 'Operation not permitted' },
      files: [{ path: '/etc/audit/audit.rules', text: '' }],
    });
    expect(rules.isAvailable).toBe(true);
    expect(rules.rules).toEqual([]);
    expect(rules.errors).toEqual(['auditctl -l: Operation not permitted']);
  });
});

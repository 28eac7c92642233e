import { describe, expect, it } from 'vitest';
import {
  AUDITED_PATHS,
  makeAuditRules,
  makeHostFile,
  makeHostFiles,
  makeSnapshot,
} from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { hostAuditRuleChecks, watchedPaths } from './host-audit-rules.js';

function check(cisId: string) {
  const found = hostAuditRuleChecks.find((c) => c.cisId === cisId);
  if (!found) throw new Error(`no check ${cisId}`);
  return found;
}

function rulesWithout(path: string): string[] {
  return AUDITED_PATHS.filter((p) => p !== path).map((p) => `-w ${p} -p rwxa -k docker`);
}

describe('watchedPaths', () => {
  it.each`
    rule                                                                 | paths
    ${'-w /usr/bin/dockerd -p rwxa -k docker'}                           | ${['/usr/bin/dockerd']}
    ${'-w /etc/docker/ -k docker'}                                       | ${['/etc/docker']}
    ${'-a always,exit -F path=/usr/bin/runc -F perm=rwxa -F key=docker'} | ${['/usr/bin/runc']}
    ${'-a always,exit -F dir=/var/lib/docker/ -F perm=wa -k docker'}     | ${['/var/lib/docker']}
    ${'-a always,exit -F arch=b64 -S execve -k exec'}                    | ${[]}
    ${'-w'}                                                              | ${[]}
  `('$rule', ({ rule, paths }) => {
    expect(watchedPaths(rule)).toEqual(paths);
  });
});

describe('1.1.3–1.1.18 audit rules', () => {
  it('covers 1.1.3 to 1.1.18, one check each', () => {
    expect(hostAuditRuleChecks.map((c) => c.cisId)).toEqual(
      Array.from({ length: 16 }, (_, i) => `1.1.${i + 3}`),
    );
  });

  it('passes on a watch of the path and shows the rule', () => {
    const result = evaluateOne(check('1.1.3'), makeSnapshot());
    expect(result).toMatchObject({
      status: 'pass',
      evidence: 'audit rule: -w /usr/sbin/dockerd -p rwxa -k docker',
    });
  });

  it('accepts the syscall form auditctl prints for directories', () => {
    const rules = [
      ...rulesWithout('/etc/docker'),
      '-a always,exit -F dir=/etc/docker -F perm=wa -F key=docker',
    ];
    const result = evaluateOne(
      check('1.1.6'),
      makeSnapshot({ host: { auditRules: makeAuditRules({ rules }) } }),
    );
    expect(result.status).toBe('pass');
  });

  it('fails when nothing watches the daemon binary, naming the places looked for', () => {
    const rules = rulesWithout('/usr/sbin/dockerd');
    const result = evaluateOne(
      check('1.1.3'),
      makeSnapshot({ host: { auditRules: makeAuditRules({ rules }) } }),
    );
    expect(result).toMatchObject({
      status: 'fail',
      evidence: 'no audit rule watches /usr/bin/dockerd or /usr/sbin/dockerd (read auditctl -l)',
    });
  });

  it("watches the daemon's actual data root for 1.1.5", () => {
    const rules = [...rulesWithout('/var/lib/docker'), '-w /srv/docker -k docker'];
    const snapshot = makeSnapshot({
      host: {
        auditRules: makeAuditRules({ rules }),
        dataRoot: { path: '/srv/docker', isSeparateMount: true },
      },
    });
    expect(evaluateOne(check('1.1.5'), snapshot).status).toBe('pass');
  });

  it('uses the collected unit path for docker.service', () => {
    const rules = [
      ...rulesWithout('/lib/systemd/system/docker.service'),
      '-w /opt/units/docker.service -k docker',
    ];
    const files = makeHostFiles().map((f) =>
      f.role === 'docker.service' ? makeHostFile('docker.service', '/opt/units/docker.service') : f,
    );
    const snapshot = makeSnapshot({ host: { files, auditRules: makeAuditRules({ rules }) } });
    expect(evaluateOne(check('1.1.7'), snapshot).status).toBe('pass');
  });

  it('looks for rules on every place the collector found the file, existing ones first', () => {
    const rules = rulesWithout('/run/containerd/containerd.sock');
    const files = [
      ...makeHostFiles().map((f) => (f.role === 'containerd.sock' ? { ...f, exists: false } : f)),
      makeHostFile('containerd.sock', '/var/run/docker/containerd/containerd.sock', {
        kind: 'socket',
        mode: 0o660,
      }),
    ];
    const snapshot = makeSnapshot({ host: { files, auditRules: makeAuditRules({ rules }) } });
    expect(evaluateOne(check('1.1.8'), snapshot)).toMatchObject({
      status: 'fail',
      evidence:
        'no audit rule watches /var/run/docker/containerd/containerd.sock or /run/containerd/containerd.sock (read auditctl -l)',
    });
    const watched = makeAuditRules({
      rules: [...rules, '-w /var/run/docker/containerd/containerd.sock -k docker'],
    });
    expect(evaluateOne(check('1.1.8'), makeSnapshot({ host: { files, auditRules: watched } })).status).toBe(
      'pass',
    );
  });

  it('is not applicable when the collected file does not exist', () => {
    const rules = rulesWithout('/etc/sysconfig/docker');
    const result = evaluateOne(
      check('1.1.13'),
      makeSnapshot({ host: { auditRules: makeAuditRules({ rules }) } }),
    );
    expect(result).toMatchObject({ status: 'not-applicable', evidence: '/etc/sysconfig/docker not present' });
  });

  it('asks a person about an optional file whose existence was not collected', () => {
    const rules = rulesWithout('/usr/bin/containerd-shim-runc-v1');
    const result = evaluateOne(
      check('1.1.16'),
      makeSnapshot({ host: { auditRules: makeAuditRules({ rules }) } }),
    );
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('whether the file exists was not collected');
  });

  it('fails for a file that exists but could not be stat-ed', () => {
    const rules = rulesWithout('/etc/docker/daemon.json');
    const files = makeHostFiles().map((f) =>
      f.role === 'daemon.json' ? makeHostFile('daemon.json', f.path, { error: 'EACCES' }) : f,
    );
    const result = evaluateOne(
      check('1.1.11'),
      makeSnapshot({ host: { files, auditRules: makeAuditRules({ rules }) } }),
    );
    expect(result.status).toBe('fail');
  });

  it.each(hostAuditRuleChecks.map((c) => [c.cisId, c] as const))(
    '%s is an error, never a pass, when the audit rules are unavailable',
    (_, auditCheck) => {
      const auditRules = makeAuditRules({ isAvailable: false, rules: [], errors: ['auditctl: not found'] });
      const result = evaluateOne(auditCheck, makeSnapshot({ host: { auditRules } }));
      expect(result).toMatchObject({
        status: 'error',
        evidence: 'audit rules unavailable: auditctl: not found',
      });
    },
  );
});

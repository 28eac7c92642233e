// Falco's own rule files (stable, incubating, sandbox) as test input: every rule either compiles or is refused
// with the reason it cannot run on Coastguard's events. The files are read from ../shared, never copied here.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { compileRuleFiles } from './load.js';
import { read } from './read.js';
import { createRuleset } from './ruleset.js';

const DIR = fileURLToPath(new URL('../../../../shared/reference/falco-rules/', import.meta.url));
const FILES = ['falco_rules.yaml', 'falco-incubating_rules.yaml', 'falco-sandbox_rules.yaml'];
const present = FILES.every((f) => existsSync(DIR + f));

describe.skipIf(!present)(`Falco rule files (${DIR})`, () => {
  const files = present ? FILES.map((file) => ({ file, text: readFileSync(DIR + file, 'utf8') })) : [];
  const loaded = compileRuleFiles(files);
  const ruleNames = (file: string) => [
    ...new Set(
      read(files.find((f) => f.file === file)?.text ?? '', file)
        .value.filter((d) => d.kind === 'rule' && d.condition !== undefined)
        .map((d) => d.name),
    ),
  ];
  const compiled = new Set(loaded.rules.map((r) => r.name));
  const reasons = (name: string) =>
    loaded.diagnostics.filter((d) => d.severity === 'error' && d.message.startsWith(`rule '${name}':`));

  it('every rule compiles or is refused with a reason (printed)', () => {
    const report: string[] = [];
    for (const file of FILES) {
      const names = ruleNames(file);
      const ok = names.filter((n) => compiled.has(n));
      report.push(`${file}: ${ok.length} of ${names.length} rules compile`);
      for (const name of names) {
        if (compiled.has(name)) {
          const rule = loaded.rules.find((r) => r.name === name);
          report.push(
            `  compiled  ${name} [${rule?.eventTypes.join(', ')}]${rule?.enabled ? '' : ' (disabled in the file)'}`,
          );
          continue;
        }
        const why = reasons(name);
        expect(why.length, `rule '${name}' was neither compiled nor refused`).toBeGreaterThan(0);
        const unique = [...new Set(why.map((d) => d.message.replace(`rule '${name}': `, '')))];
        report.push(`  refused   ${name}: ${unique.join('; ')}`);
      }
    }
    console.log(report.join('\n'));
  });

  it('at least 20 of the 25 stable rules compile', () => {
    const stable = ruleNames('falco_rules.yaml');
    expect(stable).toHaveLength(25);
    expect(stable.filter((n) => compiled.has(n)).length).toBeGreaterThanOrEqual(20);
  });

  it('no macro or list in the files fails to parse', () => {
    const syntax = loaded.diagnostics.filter(
      (d) => d.code === 'rules-condition-syntax' || d.code === 'rules-yaml-syntax',
    );
    expect(syntax.map(formatDiagnostic)).toEqual([]);
  });

  it('refusals point into the files', () => {
    for (const d of loaded.diagnostics.filter((x) => x.severity === 'error')) {
      expect(FILES).toContain(d.source?.file);
      expect(d.source?.line).toBeGreaterThan(0);
    }
  });

  it('the compiled stable rules fire on the behaviour they describe', () => {
    const ruleset = createRuleset(loaded.rules);
    const alerts = ruleset.evaluate(
      // Falco's event-generator action ReadSensitiveFileUntrusted: open /etc/shadow for reading.
      JSON.parse(
        JSON.stringify({
          type: 'open',
          syscall: 'openat',
          num: 7,
          time: 0,
          res: 3,
          args: { flags: 'O_RDONLY', isRead: true, isWrite: false, path: '/etc/shadow' },
          proc: {
            pid: 9,
            ppid: 8,
            name: 'event-generator',
            exe: './event-generator',
            exepath: '/usr/bin/event-generator',
            args: ['run', 'syscall.ReadSensitiveFileUntrusted'],
            cmdline: 'event-generator run syscall.ReadSensitiveFileUntrusted',
            cwd: '/',
            tty: 0,
            startTime: 0,
            ancestors: [{ pid: 8, name: 'bash', exe: 'bash', exepath: '/bin/bash', cmdline: 'bash' }],
            isExeUpperLayer: false,
            isExeWritable: false,
            isExeFromMemfd: false,
            capEffective: null,
          },
          fd: {
            num: 3,
            type: 'file',
            name: '/etc/shadow',
            nameraw: '/etc/shadow',
            directory: '/etc',
            filename: 'shadow',
            l4proto: null,
            cip: null,
            cport: null,
            sip: null,
            sport: null,
          },
          user: { uid: 0, name: 'root', loginuid: -1 },
          container: { id: 'host', name: null, image: null, labels: {}, privileged: null },
        }),
      ),
    );
    expect(alerts.map((a) => a.rule)).toContain('Read sensitive file untrusted');
  });
});

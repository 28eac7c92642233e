import { describe, expect, it } from 'vitest';
import { createRuntimeEvent, type RuntimeEvent } from '../../core/runtime/runtime-event.js';
import { compileRuleFiles } from './load.js';
import { createRuleset } from './ruleset.js';

const RULES = `
- rule: Shell
  desc: d
  condition: evt.type = execve and proc.name in (sh, bash) and container.id != host
  output: shell %proc.name in %container.name (%proc.cmdline)
  priority: WARNING
  tags: [shell]
- rule: Any exec
  desc: d
  condition: evt.type in (execve, execveat)
  output: exec %proc.exepath
  priority: DEBUG
- rule: Disabled
  desc: d
  condition: evt.type = execve
  output: never
  priority: INFO
  enabled: false
- rule: Open
  desc: d
  condition: evt.type = openat and fd.name = /etc/shadow
  output: open %fd.name
  priority: ERROR
`;

const loaded = compileRuleFiles([{ file: 'r.yaml', text: RULES }]);
const ruleset = createRuleset(loaded.rules);

const shell = createRuntimeEvent({
  type: 'exec',
  syscall: 'execve',
  time: Date.UTC(2026, 5, 1, 12, 0, 0),
  proc: { name: 'sh', exepath: '/bin/sh', args: ['-c', 'id'] },
  container: { id: 'abc', name: 'web', image: 'nginx:1.25' },
});

describe('ruleset', () => {
  it('indexes enabled rules by event type', () => {
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(ruleset.rules.map((r) => r.name)).toEqual(['Shell', 'Any exec', 'Open']);
    expect(ruleset.rulesFor('exec').map((r) => r.name)).toEqual(['Shell', 'Any exec']);
    expect(ruleset.rulesFor('open').map((r) => r.name)).toEqual(['Open']);
    expect(ruleset.rulesFor('connect')).toEqual([]);
  });

  it('returns one alert per matching rule, in rule order, with the event values the rule uses', () => {
    const alerts = ruleset.evaluate(shell);
    expect(alerts).toEqual([
      {
        time: '2026-06-01T12:00:00.000Z',
        rule: 'Shell',
        priority: 'warning',
        output: 'shell sh in web (sh -c id)',
        tags: ['shell'],
        container: { id: 'abc', name: 'web', image: 'nginx:1.25' },
        fields: {
          'evt.type': 'execve',
          'proc.name': 'sh',
          'container.id': 'abc',
          'container.name': 'web',
          'proc.cmdline': 'sh -c id',
        },
      },
      {
        time: '2026-06-01T12:00:00.000Z',
        rule: 'Any exec',
        priority: 'debug',
        output: 'exec /bin/sh',
        tags: [],
        container: { id: 'abc', name: 'web', image: 'nginx:1.25' },
        fields: { 'evt.type': 'execve', 'proc.exepath': '/bin/sh' },
      },
    ]);
  });

  it('matches on the syscall within a bucket', () => {
    const execveat = { ...shell, syscall: 'execveat' };
    expect(ruleset.evaluate(execveat).map((a) => a.rule)).toEqual(['Any exec']);
    expect(
      ruleset.evaluate({ ...shell, container: { ...shell.container, id: 'host' } }).map((a) => a.rule),
    ).toEqual(['Any exec']);
  });

  it('evaluates an event type without rules to nothing', () => {
    expect(ruleset.evaluate(createRuntimeEvent({ type: 'mount' }))).toEqual([]);
  });

  it('survives malformed events (from a foreign feed) and counts them', () => {
    const broken = { ...shell, proc: { ...shell.proc, name: 42 } } as unknown as RuntimeEvent;
    const missing = { type: 'exec', syscall: 'execve', proc: null } as unknown as RuntimeEvent;
    const before = ruleset.stats.predicateErrors;
    expect(() => ruleset.evaluate(broken)).not.toThrow();
    // Only the rule that needs nothing but the syscall matches; its output shows what is missing.
    expect(ruleset.evaluate(missing).map((a) => [a.rule, a.output, a.container.id])).toEqual([
      ['Any exec', 'exec <NA>', 'host'],
    ]);
    expect(ruleset.stats.predicateErrors).toBeGreaterThan(before);
    // Rules that do not touch the bad member still match.
    expect(ruleset.evaluate(broken).map((a) => a.rule)).toContain('Any exec');
  });
});

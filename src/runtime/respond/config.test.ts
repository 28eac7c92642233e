import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { RunbooksConfig } from './config.js';

function parse(yaml: string) {
  return RunbooksConfig.safeParse(parseYaml(yaml));
}

describe('runbooks configuration', () => {
  it('fills the safe defaults: dry run, cooldown, continue on error, SIGKILL, memory on', () => {
    const result = parse(`
list:
  - name: miners
    when: { rules: ['Crypto miner*'] }
    steps:
      - action: kill
      - action: capture
`);
    expect(result.success).toBe(true);
    const runbook = result.data?.list[0];
    expect(runbook).toMatchObject({ name: 'miners', dryRun: true, cooldownSeconds: 300, keepPaused: false });
    expect(runbook?.steps).toEqual([
      { action: 'kill', onError: 'continue', signal: 'SIGKILL' },
      { action: 'capture', onError: 'continue', memory: true, checkpoint: false },
    ]);
    expect(result.data?.neverActOn).toEqual({ containers: [], images: [], labels: {} });
  });

  it('accepts every step kind and Falco priority spellings', () => {
    const result = parse(`
neverActOn: { containers: ['db-*'], images: ['registry.local/*'], labels: { tier: critical } }
list:
  - name: all
    when: { minPriority: Info, tags: [mitre_execution] }
    dryRun: false
    cooldownSeconds: 0
    keepPaused: true
    steps:
      - { action: capture, memory: false, checkpoint: true, onError: stop }
      - { action: pause }
      - { action: isolate }
      - { action: stop, timeoutSeconds: 3 }
      - { action: kill, signal: '9' }
      - { action: notify }
`);
    expect(result.success).toBe(true);
    expect(result.data?.list[0]?.when.minPriority).toBe('informational');
  });

  it.each`
    case                    | yaml
    ${'unknown key'}        | ${'list: [{ name: a, when: { rules: [x] }, steps: [{ action: pause }], dryrun: false }]'}
    ${'unknown action'}     | ${'list: [{ name: a, when: { rules: [x] }, steps: [{ action: reboot }] }]'}
    ${'option of another'}  | ${'list: [{ name: a, when: { rules: [x] }, steps: [{ action: pause, signal: SIGKILL }] }]'}
    ${'no steps'}           | ${'list: [{ name: a, when: { rules: [x] }, steps: [] }]'}
    ${'empty trigger'}      | ${'list: [{ name: a, when: {}, steps: [{ action: pause }] }]'}
    ${'bad priority'}       | ${'list: [{ name: a, when: { minPriority: loud }, steps: [{ action: pause }] }]'}
    ${'shell in signal'}    | ${"list: [{ name: a, when: { rules: [x] }, steps: [{ action: kill, signal: 'KILL; rm -rf /' }] }]"}
    ${'negative cooldown'}  | ${'list: [{ name: a, when: { rules: [x] }, steps: [{ action: pause }], cooldownSeconds: -1 }]'}
    ${'duplicate names'}    | ${'list: [{ name: a, when: { rules: [x] }, steps: [{ action: pause }] }, { name: a, when: { rules: [y] }, steps: [{ action: kill }] }]'}
    ${'dryRun not boolean'} | ${"list: [{ name: a, when: { rules: [x] }, steps: [{ action: pause }], dryRun: 'no' }]"}
  `('refuses $case', ({ yaml }) => {
    const result = parse(yaml);
    expect(result.success).toBe(false);
    expect(result.error?.issues.length).toBeGreaterThan(0);
  });
});

// The responder registry: one file per action, named by it, and every runbook step kind has a responder.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunbookStep, responders } from './index.js';
import { describeResponderContract } from './responder.contract.js';

describe('responder registry', () => {
  it.each(Object.entries(responders))('%s is its own file and action', (key, responder) => {
    expect(responder.action).toBe(key);
    expect(existsSync(join(import.meta.dirname, `${key}.ts`))).toBe(true);
  });

  it('has a responder for every step kind of the configuration, and no other', () => {
    const kinds = RunbookStep.options.map((o) => o.shape.action.value).sort();
    expect(Object.keys(responders).sort()).toEqual(kinds);
  });

  it('marks containment destructive and evidence, pause and notify not', () => {
    const destructive = Object.values(responders)
      .filter((r) => r.isDestructive)
      .map((r) => r.action)
      .sort();
    expect(destructive).toEqual(['isolate', 'kill', 'stop']);
  });
});

for (const responder of Object.values(responders)) {
  describeResponderContract(responder, {
    prefix: `cgtest-h6a-ct-${responder.action}-`,
    ...(responder.action === 'notify'
      ? { worksWithoutContainer: 'notify hands the alert on and never touches the engine' }
      : {}),
  });
}

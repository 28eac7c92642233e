import { describe, expect, it } from 'vitest';
import { parseFalcoLine } from './parse.js';

// Falco's JSON output shape (json_output: true, json_include_output_property, json_include_tags_property).
const SHELL = JSON.stringify({
  hostname: 'node-7',
  output:
    '10:01:02.123456789: Notice A shell was spawned in a container with an attached terminal (user=root container_id=3f2a9c1b7d4e container_name=web shell=sh)',
  output_fields: {
    'container.id': '3f2a9c1b7d4e',
    'container.name': 'web',
    'container.image.repository': 'registry.local/shop/web',
    'evt.time': 1763805662123,
    'proc.cmdline': 'sh -i',
    'proc.pname': 'runc',
    'user.name': 'root',
    'k8s.ns.name': null,
  },
  priority: 'Notice',
  rule: 'Terminal shell in container',
  source: 'syscall',
  tags: ['container', 'mitre_execution', 'shell', 'T1059'],
  time: '2026-11-22T10:01:02.123456789Z',
});

describe('Falco JSON lines', () => {
  it('turns an alert into ours: rule, priority, output, the container Falco named, its fields, tags plus falco', () => {
    expect(parseFalcoLine(SHELL)).toEqual({
      time: '2026-11-22T10:01:02.123Z',
      rule: 'Terminal shell in container',
      priority: 'notice',
      output: expect.stringContaining('A shell was spawned'),
      tags: ['container', 'mitre_execution', 'shell', 'T1059', 'falco'],
      container: { id: '3f2a9c1b7d4e', name: 'web', image: 'registry.local/shop/web' },
      fields: expect.objectContaining({
        'proc.cmdline': 'sh -i',
        'user.name': 'root',
        'k8s.ns.name': null,
        'falco.hostname': 'node-7',
      }),
    });
  });

  it('attributes an alert without a container to the host, and reads Falco priority spellings', () => {
    const line = JSON.stringify({
      rule: 'Linux Kernel Module Injection Detected',
      priority: 'Informational',
      output: 'module loaded',
      time: '2026-11-22T10:00:00Z',
      output_fields: { 'container.id': 'host', 'container.name': '<NA>' },
    });
    expect(parseFalcoLine(line)).toMatchObject({
      priority: 'informational',
      container: { id: 'host', name: null },
      tags: ['falco'],
    });
  });

  it.each([
    ['not JSON', '{"rule": "x"', /not JSON/],
    ['an array', '[1,2]', /not a JSON object/],
    ['no rule', '{"output":"o","priority":"Warning","time":"2026-01-01T00:00:00Z"}', /no rule/],
    ['no output', '{"rule":"r","priority":"Warning","time":"2026-01-01T00:00:00Z"}', /no output/],
    [
      'an unknown priority',
      '{"rule":"r","output":"o","priority":"Severe","time":"2026-01-01T00:00:00Z"}',
      /priority "Severe"/,
    ],
    ['a bad time', '{"rule":"r","output":"o","priority":"Warning","time":"yesterday"}', /time "yesterday"/],
  ])('refuses %s with a reason', (_, line, reason) => {
    const parsed = parseFalcoLine(line);
    expect('error' in parsed && parsed.error).toMatch(reason);
  });

  it('bounds hostile values: long strings cut, nested values and extra fields dropped', () => {
    const fields = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f.${i}`, i]));
    const parsed = parseFalcoLine(
      JSON.stringify({
        rule: 'r',
        output: 'o'.repeat(100_000),
        priority: 'Critical',
        time: '2026-01-01T00:00:00Z',
        output_fields: { nested: { a: 1 }, list: [1], long: 'x'.repeat(10_000), ...fields },
        tags: ['ok', 7, { bad: true }],
      }),
    );
    if ('error' in parsed) throw new Error(parsed.error);
    expect(parsed.output).toHaveLength(4_096);
    expect(parsed.fields.nested).toBeUndefined();
    expect(parsed.fields.list).toBeUndefined();
    expect(String(parsed.fields.long)).toHaveLength(4_096);
    expect(Object.keys(parsed.fields).length).toBeLessThanOrEqual(200);
    expect(parsed.tags).toEqual(['ok', 'falco']);
  });
});

import { describe, expect, it } from 'vitest';
import { ECOSYSTEMS, type Ecosystem } from '../../core/package/ecosystem.js';
import { createRegistry } from '../../core/registry.js';
import { compareVersions, deb, versionSchemeFor, versionSchemes } from './index.js';

describe('version scheme registry', () => {
  it('has exactly one scheme per ecosystem, keyed by it', () => {
    expect(Object.keys(versionSchemes).sort()).toEqual([...ECOSYSTEMS].sort());
    for (const [key, scheme] of Object.entries(versionSchemes)) expect(scheme.ecosystem).toBe(key);
  });

  it('looks a scheme up by an ecosystem known at run time', () => {
    for (const ecosystem of ECOSYSTEMS) expect(versionSchemeFor(ecosystem)).toBe(versionSchemes[ecosystem]);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(versionSchemes)).toBe(true);
  });

  it('refuses a member filed under another ecosystem', () => {
    expect(() => createRegistry('version scheme', { rpm: deb }, (scheme) => scheme.ecosystem)).toThrow(
      /key "rpm" does not match member id "deb"/,
    );
  });

  // One version string, seven readings: the schemes really differ, so a matcher must pick by ecosystem.
  it.each`
    ecosystem  | a                | b           | expected
    ${'deb'}   | ${'1.0~rc1'}     | ${'1.0'}    | ${-1}
    ${'rpm'}   | ${'1.0~rc1'}     | ${'1.0'}    | ${-1}
    ${'apk'}   | ${'1.0_rc1'}     | ${'1.0'}    | ${-1}
    ${'npm'}   | ${'1.0.0-rc.1'}  | ${'1.0.0'}  | ${-1}
    ${'pypi'}  | ${'1.0rc1'}      | ${'1.0'}    | ${-1}
    ${'maven'} | ${'1.0-RC1'}     | ${'1.0'}    | ${-1}
    ${'go'}    | ${'v1.0.0-rc.1'} | ${'v1.0.0'} | ${-1}
    ${'deb'}   | ${'1.0a'}        | ${'1.0'}    | ${1}
    ${'pypi'}  | ${'1.0a'}        | ${'1.0'}    | ${-1}
    ${'maven'} | ${'1.0a'}        | ${'1.0'}    | ${1}
    ${'npm'}   | ${'1.0'}         | ${'1.0.0'}  | ${undefined}
    ${'go'}    | ${'1.0.0'}       | ${'v1.0.0'} | ${undefined}
  `('$ecosystem: $a vs $b is $expected', ({ ecosystem, a, b, expected }) => {
    expect(compareVersions(versionSchemeFor(ecosystem as Ecosystem), a, b)).toBe(expected);
  });
});

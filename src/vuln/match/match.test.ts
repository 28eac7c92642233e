import { describe, expect, it } from 'vitest';
import type { Package } from '../../core/package/package.js';
import type { Advisory, OsvAffected, OsvEvent } from '../../core/result/vulnerability.js';
import { matchPackage, matchPackages, packageKeyOf } from './match.js';

function advisory(affected: Partial<OsvAffected>[], extra: Partial<Advisory> = {}): Advisory {
  return {
    id: 'TEST-1',
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    upstream: [],
    severity: [],
    references: [],
    affected: affected.map((a) => ({
      package: { ecosystem: 'npm', name: 'pkg' },
      ranges: [],
      versions: [],
      ...a,
    })),
    ...extra,
  };
}

const range = (events: OsvEvent[], type: 'SEMVER' | 'ECOSYSTEM' = 'ECOSYSTEM') => ({ type, events });
const npmPkg = (version: string): Package => ({ ecosystem: 'npm', name: 'pkg', version });

function verdict(pkg: Package, adv: Advisory, context = {}): string {
  const [outcome] = matchPackage(pkg, [adv], context);
  if (outcome?.kind === 'affected') return `affected ${outcome.fixedVersions.join(',')}`.trim();
  if (outcome?.kind === 'unknown') return `unknown: ${outcome.reason}`;
  return outcome?.kind ?? 'none';
}

describe('OSV range evaluation', () => {
  it.each`
    events                                                                                    | version         | expected
    ${[{ introduced: '0' }, { fixed: '1.2.0' }]}                                              | ${'1.1.9'}      | ${'affected 1.2.0'}
    ${[{ introduced: '0' }, { fixed: '1.2.0' }]}                                              | ${'1.2.0'}      | ${'not-affected'}
    ${[{ introduced: '1.0.0' }, { fixed: '1.2.0' }]}                                          | ${'0.9.0'}      | ${'not-affected'}
    ${[{ introduced: '1.0.0' }]}                                                              | ${'9.9.9'}      | ${'affected'}
    ${[{ introduced: '0' }, { last_affected: '1.2.0' }]}                                      | ${'1.2.0'}      | ${'affected'}
    ${[{ introduced: '0' }, { last_affected: '1.2.0' }]}                                      | ${'1.2.1'}      | ${'not-affected'}
    ${[{ introduced: '0' }, { fixed: '1.0.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }]} | ${'2.0.5'}      | ${'affected 2.1.0'}
    ${[{ introduced: '0' }, { fixed: '1.0.0' }, { introduced: '2.0.0' }, { fixed: '2.1.0' }]} | ${'1.5.0'}      | ${'not-affected'}
    ${[{ fixed: '2.1.0' }, { introduced: '2.0.0' }]}                                          | ${'2.0.0'}      | ${'affected 2.1.0'}
    ${[{ introduced: '0' }, { limit: '2.0.0' }]}                                              | ${'2.0.0'}      | ${'not-affected'}
    ${[{ introduced: '0' }, { limit: '2.0.0' }]}                                              | ${'1.9.0'}      | ${'affected'}
    ${[{ introduced: '0' }, { fixed: '1.0.0' }]}                                              | ${'1.0.0-rc.1'} | ${'affected 1.0.0'}
    ${[{ introduced: '0' }, { fixed: 'not-a-version' }]}                                      | ${'1.0.0'}      | ${'unknown: advisory version not-a-version is not a npm version'}
    ${[{ introduced: '0' }, { fixed: '1.0.0' }]}                                              | ${'latest'}     | ${'unknown: installed version latest is not a npm version'}
  `('$version in $events: $expected', ({ events, version, expected }) => {
    expect(verdict(npmPkg(version), advisory([{ ranges: [range(events)] }]))).toBe(expected);
  });

  it('matches a version listed in `versions` even without ranges, exactly or by equal ordering', () => {
    const adv = advisory([{ versions: ['1.0.0', '1.1.0'] }]);
    expect(verdict(npmPkg('1.1.0'), adv)).toBe('affected');
    expect(verdict(npmPkg('1.1.0+build'), adv)).toBe('affected');
    expect(verdict(npmPkg('1.2.0'), adv)).toBe('not-affected');
  });

  it('never matches a withdrawn advisory', () => {
    const adv = advisory([{ ranges: [range([{ introduced: '0' }])] }], { withdrawn: '2024-02-01T00:00:00Z' });
    expect(verdict(npmPkg('1.0.0'), adv)).toBe('not-affected');
  });

  it('says unknown for git-only ranges rather than guessing', () => {
    const adv = advisory([{ ranges: [{ type: 'GIT', repo: 'https://x', events: [{ introduced: 'abc' }] }] }]);
    expect(verdict(npmPkg('1.0.0'), adv)).toMatch(/^unknown: .*git commit ranges/);
  });

  it('reads Go advisory versions without their v, and SEMVER ranges with semver', () => {
    const go: Package = { ecosystem: 'go', name: 'golang.org/x/net', version: 'v0.17.0' };
    const ecosystemRange = advisory([
      {
        package: { ecosystem: 'Go', name: 'golang.org/x/net' },
        ranges: [range([{ introduced: '0' }, { fixed: '0.23.0' }])],
      },
    ]);
    expect(verdict(go, ecosystemRange)).toBe('affected 0.23.0');
    const semverRange = advisory([
      {
        package: { ecosystem: 'Go', name: 'golang.org/x/net' },
        ranges: [range([{ introduced: '0' }, { fixed: '0.17.0' }], 'SEMVER')],
      },
    ]);
    expect(verdict(go, semverRange)).toBe('not-affected');
  });

  it('compares PyPI names after PEP 503 normalisation', () => {
    const adv = advisory([
      {
        package: { ecosystem: 'PyPI', name: 'PyYAML' },
        ranges: [range([{ introduced: '0' }, { fixed: '5.4' }])],
      },
    ]);
    expect(verdict({ ecosystem: 'pypi', name: 'pyyaml', version: '5.3.1' }, adv)).toBe('affected 5.4');
  });

  describe('Debian', () => {
    const libssh: Package = {
      ecosystem: 'deb',
      name: 'libssh2-1',
      version: '1.10.0-3+b1',
      sourceName: 'libssh2',
      sourceVersion: '1.10.0-3',
    };
    const adv = advisory([
      { package: { ecosystem: 'Debian:11', name: 'libssh2' }, ranges: [range([{ introduced: '0' }])] },
      {
        package: { ecosystem: 'Debian:12', name: 'libssh2' },
        ranges: [range([{ introduced: '0' }, { fixed: '1.10.0-3+deb12u1' }])],
      },
    ]);

    it('matches a binary package through its source name and version', () => {
      expect(packageKeyOf(libssh)).toEqual({ ecosystem: 'deb', name: 'libssh2', version: '1.10.0-3' });
      expect(verdict(libssh, adv, { distro: 'debian', release: '12' })).toBe('affected 1.10.0-3+deb12u1');
    });

    it('reads only the entry of the package’s release, and no other distribution', () => {
      const fixedIn12 = { ...libssh, sourceVersion: '1.10.0-3+deb12u1' };
      expect(verdict(fixedIn12, adv, { distro: 'debian', release: '12' })).toBe('not-affected');
      expect(verdict(fixedIn12, adv, { distro: 'debian', release: '11' })).toBe('affected');
      expect(verdict(libssh, adv, { distro: 'ubuntu', release: '22.04' })).toBe('not-affected');
    });

    it('names the entry of the package’s release as the one that holds its version (its urgency applies)', () => {
      const rated = advisory([
        {
          package: { ecosystem: 'Debian:11', name: 'libssh2' },
          ranges: [range([{ introduced: '0' }])],
          ecosystem_specific: { urgency: 'high' },
        },
        {
          package: { ecosystem: 'Debian:12', name: 'libssh2' },
          ranges: [range([{ introduced: '0' }])],
          ecosystem_specific: { urgency: 'unimportant' },
        },
      ]);
      const entryFor = (release: string) => {
        const [outcome] = matchPackage(libssh, [rated], { distro: 'debian', release });
        return outcome?.kind === 'affected' ? outcome.affectedEntry : undefined;
      };
      expect(entryFor('12')?.ecosystem_specific).toEqual({ urgency: 'unimportant' });
      expect(entryFor('11')?.ecosystem_specific).toEqual({ urgency: 'high' });
    });

    it('is unknown when the release of the package is not known', () => {
      expect(verdict(libssh, adv)).toMatch(/^unknown: Debian:11 applies to one distribution/);
    });

    it('never matches a binary name the advisory does not name as a source', () => {
      const binaryNamed = advisory([
        { package: { ecosystem: 'Debian:12', name: 'libssh2-1' }, ranges: [range([{ introduced: '0' }])] },
      ]);
      expect(verdict(libssh, binaryNamed, { distro: 'debian', release: '12' })).toBe('not-affected');
    });
  });
});

describe('matchPackages', () => {
  it('looks up each ecosystem once and judges each package only against advisories naming it', async () => {
    const lookups: [string, readonly string[]][] = [];
    const held = [
      advisory([{ package: { ecosystem: 'npm', name: 'left' }, ranges: [range([{ introduced: '0' }])] }], {
        id: 'A-LEFT',
      }),
      advisory([{ package: { ecosystem: 'npm', name: 'right' }, ranges: [range([{ introduced: '0' }])] }], {
        id: 'A-RIGHT',
      }),
      advisory([{ package: { ecosystem: 'PyPI', name: 'Left' }, ranges: [range([{ introduced: '0' }])] }], {
        id: 'A-PY',
      }),
    ];
    const source = {
      async findByPackage(ecosystem: Package['ecosystem'], names: readonly string[]) {
        lookups.push([ecosystem, names]);
        return held.filter((a) =>
          a.affected.some(
            (x) =>
              (x.package.ecosystem === 'PyPI' ? 'pypi' : 'npm') === ecosystem &&
              names.includes(x.package.name.toLowerCase()),
          ),
        );
      },
    };
    const packages: Package[] = [
      { ecosystem: 'npm', name: 'left', version: '1.0.0' },
      { ecosystem: 'pypi', name: 'left', version: '1.0' },
      { ecosystem: 'npm', name: 'right', version: '1.0.0' },
      { ecosystem: 'npm', name: 'clean', version: '1.0.0' },
    ];
    const outcomes = await matchPackages(packages, source);
    expect(lookups).toEqual([
      ['npm', ['left', 'right', 'clean']],
      ['pypi', ['left']],
    ]);
    expect(
      outcomes.map((o) => `${o.package.ecosystem}/${o.package.name} ${o.advisory.id} ${o.kind}`),
    ).toEqual(['npm/left A-LEFT affected', 'pypi/left A-PY affected', 'npm/right A-RIGHT affected']);
  });
});

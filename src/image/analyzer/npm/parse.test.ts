import { describe, expect, it } from 'vitest';
import { parseNpmLockfile } from './parse.js';

describe('npm package-lock', () => {
  it('reads v2/v3 `packages`, naming each by its last node_modules segment, scoped names included', () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        '': { name: 'app', version: '1.0.0' },
        'node_modules/@types/node': { version: '20.0.0', dev: true },
        'node_modules/a/node_modules/b': { version: '2.0.0' },
        'node_modules/linked': { resolved: 'packages/linked', link: true },
        'node_modules/aliased': { name: 'real-name', version: '3.0.0' },
      },
    };
    const { value, diagnostics } = parseNpmLockfile(JSON.stringify(lock), { file: 'package-lock.json' });
    expect(diagnostics).toEqual([]);
    expect(value.map((p) => [p.name, p.version, p.location, p.isDev ?? false, p.purl])).toEqual([
      ['@types/node', '20.0.0', 'node_modules/@types/node', true, 'pkg:npm/%40types/node@20.0.0'],
      ['b', '2.0.0', 'node_modules/a/node_modules/b', false, 'pkg:npm/b@2.0.0'],
      ['real-name', '3.0.0', 'node_modules/aliased', false, 'pkg:npm/real-name@3.0.0'],
    ]);
  });

  it('reads v1 nested `dependencies`, leaving out file: and git dependencies', () => {
    const lock = {
      lockfileVersion: 1,
      dependencies: {
        mkdirp: { version: '0.5.1', dependencies: { minimist: { version: '0.0.8' } } },
        local: { version: 'file:../local' },
        minimist: { version: '1.2.5', dev: true },
      },
    };
    const { value } = parseNpmLockfile(JSON.stringify(lock), { file: 'package-lock.json' });
    expect(value.map((p) => [p.name, p.version, p.location])).toEqual([
      ['mkdirp', '0.5.1', 'node_modules/mkdirp'],
      ['minimist', '0.0.8', 'node_modules/mkdirp/node_modules/minimist'],
      ['minimist', '1.2.5', 'node_modules/minimist'],
    ]);
  });

  it.each`
    text                        | message
    ${'{"lockfileVersion": 3,'} | ${/package-lock.json: not valid JSON/}
    ${'[]'}                     | ${/not a JSON object/}
    ${'{}'}                     | ${/neither `packages` nor `dependencies`/}
  `('reports $text as an error naming the file', ({ text, message }) => {
    const { value, diagnostics } = parseNpmLockfile(text, { file: 'package-lock.json' });
    expect(value).toEqual([]);
    expect(diagnostics[0]?.message).toMatch(message);
  });

  it('reports an entry without a version', () => {
    const lock = { packages: { 'node_modules/x': {} } };
    expect(parseNpmLockfile(JSON.stringify(lock), { file: 'l.json' }).diagnostics[0]?.message).toBe(
      'l.json: node_modules/x has no version; skipped',
    );
  });
});

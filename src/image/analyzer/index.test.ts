import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layerFile } from '../../../test/support/layer-file.js';
import { analyzers } from './index.js';

const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !entry.name.startsWith('__'))
  .map((entry) => entry.name);

/** A path each analyzer wants, to offer it hostile content. */
const WANTED: Record<keyof typeof analyzers, string> = {
  'os-release': 'etc/os-release',
  dpkg: 'var/lib/dpkg/status',
  apk: 'lib/apk/db/installed',
  rpm: 'var/lib/rpm/rpmdb.sqlite',
  npm: 'app/node_modules/a/package.json',
  python: 'x/a-1.dist-info/METADATA',
  'go-binary': 'usr/bin/tool',
  java: 'app.jar',
  secrets: 'etc/app.conf',
};

describe('analyzer registry', () => {
  it('has one member per folder, keyed by its id', () => {
    expect(Object.keys(analyzers).sort()).toEqual(folders.sort());
    for (const [key, analyzer] of Object.entries(analyzers)) expect(analyzer.id).toBe(key);
  });

  it.each(Object.keys(analyzers))(
    '%s turns hostile content into diagnostics or nothing, never a throw',
    async (id) => {
      const analyzer = analyzers[id as keyof typeof analyzers];
      const path = WANTED[id as keyof typeof analyzers];
      expect(analyzer.maxBytes).toBeGreaterThan(0);
      expect(analyzer.wants({ path, size: 600_000, mode: 0o755 })).toBe(true);
      for (const content of [
        Buffer.alloc(0),
        randomBytes(4096),
        Buffer.from('\uffff'.repeat(1000)),
        Buffer.alloc(1000, 0xff),
      ]) {
        const found = await analyzer.analyze(layerFile(path, content, { mode: 0o755 }));
        expect(found.filter((f) => f.kind === 'package' || f.kind === 'os')).toEqual([]);
      }
    },
  );
});

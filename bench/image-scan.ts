// Benchmark: image scanning. (a) `coastguard image scan oci:DIR` of a ~100 MB and a ~500 MB image (gzip layers,
// written by this bench) against `gzip -dc LAYER | tar -t` of the same layers in the same run: ratio (target
// ≤ 1.3×) and the scan's peak RSS (target under 300 MB whatever the size). (b) Matching 10,000 packages against
// 200,000 advisories in the embedded database: packages per second, against the database lookups alone.
// Not a test: medians of alternating runs on a noisy box.
//
//   npm run build && npx tsx bench/image-scan.ts [--sizes 100,500 --runs 3 --packages 10000 --advisories 200000]
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pipeline } from 'node:stream/promises';
import { parseArgs, promisify } from 'node:util';
import { createGzip } from 'node:zlib';
import { pack } from 'tar-stream';
import type { Package } from '../src/core/package/package.js';
import type { IndexedAdvisory } from '../src/core/result/vulnerability.js';
import { openStore } from '../src/store/index.js';
import { isDiagnostic, parseOsvRecord } from '../src/vuln/db/osv-import.js';
import { lookUpAdvisories, matchPackages, packageKeyOf } from '../src/vuln/match/index.js';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, '../bin/coastguard.js');
const FIXTURE_ROOTFS = resolve(import.meta.dirname, '../../shared/fixtures/images/bookworm-main');
const LOCKFILE = resolve(
  import.meta.dirname,
  '../../shared/fixtures/lockfiles/npm-vulnerable/package-lock.json',
);
const MiB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,500' },
    runs: { type: 'string', default: '3' },
    packages: { type: 'string', default: '10000' },
    advisories: { type: 'string', default: '200000' },
  },
});
const sizes = (values.sizes ?? '').split(',').map(Number);
const runs = Number(values.runs);

interface Blob {
  digest: string;
  size: number;
}

interface LayerBlob extends Blob {
  diffId: string;
  path: string;
}

type Entry = { name: string; body: Buffer };

/** Writes one gzip layer into the layout's blobs, hashing the tar (diff id) and the gzip (digest) on the way. */
async function writeLayer(
  blobs: string,
  entries: AsyncIterable<Entry> | Iterable<Entry>,
): Promise<LayerBlob> {
  const tar = pack();
  const diff = createHash('sha256');
  const compressed = createHash('sha256');
  const temp = join(blobs, `layer-${process.pid}-${Date.now()}.tmp`);
  const gzip = createGzip({ level: 6 });
  tar.on('data', (chunk: unknown) => {
    diff.update(chunk as Buffer);
  });
  gzip.on('data', (chunk: Buffer) => compressed.update(chunk));
  const written = pipeline(tar, gzip, createWriteStream(temp));
  for await (const entry of entries) {
    await new Promise<void>((done, fail) => {
      tar.entry({ name: entry.name, size: entry.body.length, mode: 0o644 }, entry.body, (err) =>
        err ? fail(err) : done(),
      );
    });
  }
  tar.finalize();
  await written;
  const digest = compressed.digest('hex');
  const path = join(blobs, digest);
  await rename(temp, path);
  return {
    digest: `sha256:${digest}`,
    diffId: `sha256:${diff.digest('hex')}`,
    size: (await stat(path)).size,
    path,
  };
}

async function* fixtureEntries(dir: string, root = dir): AsyncGenerator<Entry> {
  for (const item of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    if (item.isDirectory()) yield* fixtureEntries(path, root);
    else if (item.isFile()) yield { name: relative(root, path), body: await readFile(path) };
  }
}

/**
 * `bytes` of files like an image's /usr: sizes from 4 KiB to 2 MiB; half of them random (already compressed data,
 * binaries), half repetitive text (scripts, docs), so gzip works about as hard as on a real image.
 */
function* fillerEntries(layer: number, bytes: number): Generator<Entry> {
  const text = Buffer.from(
    '#!/bin/sh\n# generated filler for the coastguard image benchmark\nexec true "$@"\n',
  );
  let written = 0;
  for (let i = 0; written < bytes; i += 1) {
    const size = Math.min(4096 * 2 ** (i % 10), bytes - written);
    const body = i % 2 === 0 ? randomBytes(size) : Buffer.alloc(size, text);
    written += size;
    yield { name: `usr/lib/filler-${layer}/f${i}.bin`, body };
  }
}

async function writeBlob(blobs: string, body: string): Promise<Blob> {
  const digest = createHash('sha256').update(body).digest('hex');
  await writeFile(join(blobs, digest), body);
  return { digest: `sha256:${digest}`, size: Buffer.byteLength(body) };
}

/** An OCI image layout of about `megabytes` MB unpacked: the Debian fixture, an npm lockfile, then filler layers. */
async function buildLayout(dir: string, megabytes: number): Promise<LayerBlob[]> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const layers = [await writeLayer(blobs, fixtureEntries(FIXTURE_ROOTFS))];
  layers.push(
    await writeLayer(blobs, [{ name: 'srv/app/package-lock.json', body: await readFile(LOCKFILE) }]),
  );
  const fillerLayers = 4;
  for (let l = 0; l < fillerLayers; l += 1) {
    layers.push(await writeLayer(blobs, fillerEntries(l, (megabytes * MiB) / fillerLayers)));
  }
  const config = await writeBlob(
    blobs,
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { Env: ['PATH=/usr/bin:/bin'] },
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
      history: layers.map((_, i) => ({ created_by: `bench layer ${i}` })),
    }),
  );
  const manifest = await writeBlob(
    blobs,
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layers.map((l) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: l.digest,
        size: l.size,
      })),
    }),
  );
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifest }],
    }),
  );
  return layers;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Wall time in ms and peak RSS in MB of one command, as GNU time reports them. */
async function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<[number, number]> {
  const { stderr } = await run('/usr/bin/time', ['-f', 'BENCH %e %M', command, ...args], {
    env,
    maxBuffer: 256 * MiB,
  });
  const line = stderr.split('\n').find((l) => l.startsWith('BENCH '));
  if (line === undefined) throw new Error(`no timing from /usr/bin/time: ${stderr.slice(-500)}`);
  const [, seconds, kilobytes] = line.split(' ');
  return [Number(seconds) * 1000, Number(kilobytes) / 1024];
}

async function benchScan(work: string): Promise<void> {
  const home = join(work, 'home');
  const env = { ...process.env, COASTGUARD_HOME: home };
  for (const size of sizes) {
    const layout = join(work, `image-${size}`);
    const layers = await buildLayout(layout, size);
    const packed = layers.reduce((sum, l) => sum + l.size, 0);
    const scans: number[] = [];
    const baselines: number[] = [];
    let peak = 0;
    for (let i = 0; i < runs; i += 1) {
      let baseline = 0;
      for (const layer of layers) {
        // The path is ours (a hex digest in our temp dir), passed as $1, never spliced into the script.
        const [ms] = await timed('sh', ['-c', 'gzip -dc "$1" | tar -t >/dev/null', 'sh', layer.path], env);
        baseline += ms;
      }
      baselines.push(baseline);
      const [ms, rss] = await timed('node', [CLI, 'image', 'scan', `oci:${layout}`, '--format', 'json'], env);
      scans.push(ms);
      peak = Math.max(peak, rss);
    }
    const base = median(baselines);
    const scan = median(scans);
    console.log(
      `image-scan ~${size} MB (${(packed / MiB).toFixed(0)} MB gzip, ${layers.length} layers): ` +
        `gzip -dc | tar -t ${base.toFixed(0)} ms, coastguard image scan ${scan.toFixed(0)} ms, ` +
        `ratio ${(scan / base).toFixed(2)}× (target ≤ 1.30×); peak RSS ${peak.toFixed(0)} MB (target < 300 MB)`,
    );
    await rm(layout, { recursive: true, force: true });
  }
}

const ECOSYSTEMS = [
  { osv: 'npm', ecosystem: 'npm' as const, range: 'SEMVER' },
  { osv: 'PyPI', ecosystem: 'pypi' as const, range: 'ECOSYSTEM' },
  { osv: 'Debian:12', ecosystem: 'deb' as const, range: 'ECOSYSTEM' },
];

/** `count` advisories over count/10 package names per ecosystem: every name carries ten, fixed at different versions. */
async function* syntheticAdvisories(count: number): AsyncGenerator<IndexedAdvisory> {
  for (let i = 0; i < count; i += 1) {
    const eco = ECOSYSTEMS[i % ECOSYSTEMS.length] ?? ECOSYSTEMS[0];
    if (eco === undefined) return;
    const name = `pkg-${Math.floor(i / 10) % Math.ceil(count / 10)}`;
    const record = {
      id: `BENCH-${i}`,
      modified: '2026-01-01T00:00:00Z',
      aliases: [`CVE-2026-${100000 + i}`],
      affected: [
        {
          package: { ecosystem: eco.osv, name },
          ranges: [{ type: eco.range, events: [{ introduced: '0' }, { fixed: `1.${i % 10}.0` }] }],
        },
      ],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    };
    const parsed = parseOsvRecord(Buffer.from(JSON.stringify(record)), record.id);
    if (isDiagnostic(parsed)) throw new Error(`synthetic advisory refused: ${parsed.message}`);
    yield parsed;
  }
}

async function benchMatch(work: string): Promise<void> {
  const advisoryCount = Number(values.advisories);
  const packageCount = Number(values.packages);
  const store = await openStore({ home: join(work, 'match-home') });
  try {
    const started = performance.now();
    await store.advisories.replaceSource(
      { id: 'bench', kind: 'directory' },
      syntheticAdvisories(advisoryCount),
      new Date().toISOString(),
    );
    const imported = performance.now() - started;
    const names = Math.ceil(advisoryCount / 10);
    const packages: Package[] = Array.from({ length: packageCount }, (_, i) => {
      const eco = ECOSYSTEMS[i % ECOSYSTEMS.length]?.ecosystem ?? 'npm';
      return { ecosystem: eco, name: `pkg-${(i * 7) % names}`, version: `1.${i % 10}.1` };
    });
    const lookups: number[] = [];
    const matches: number[] = [];
    let affected = 0;
    for (let r = 0; r < runs; r += 1) {
      let t = performance.now();
      // The lookups matchPackages makes, and nothing else.
      await lookUpAdvisories(packages.map(packageKeyOf), store.advisories);
      lookups.push(performance.now() - t);
      t = performance.now();
      const outcomes = await matchPackages(packages, store.advisories);
      matches.push(performance.now() - t);
      affected = outcomes.filter((o) => o.kind === 'affected').length;
    }
    const lookup = median(lookups);
    const match = median(matches);
    console.log(
      `match ${packageCount} packages against ${advisoryCount} advisories (imported in ` +
        `${(imported / 1000).toFixed(1)} s; ${affected} affected): ${((packageCount / match) * 1000).toFixed(0)} ` +
        `packages/s; database lookups alone ${lookup.toFixed(0)} ms, matching ${match.toFixed(0)} ms, ` +
        `ratio ${(match / lookup).toFixed(2)}×`,
    );
  } finally {
    await store.close();
  }
}

const work = await mkdtemp(join(tmpdir(), 'cgbench-image-'));
try {
  await benchScan(work);
  await benchMatch(work);
} finally {
  await rm(work, { recursive: true, force: true });
}

// Build step after tsc: bundles the CLI into a few ES module files under dist/bundle/ so start-up loads one file
// instead of hundreds (module resolution and loading was most of a short scan's time, see bench/scan-host.ts).
// Commands stay lazily loaded: each dynamic import becomes its own chunk. better-sqlite3 stays external (native), as
// does playwright-core (it finds its own files through __dirname; loaded only to print a PDF).
// Data files modules read beside themselves (`new URL('./x.json', import.meta.url)`) are copied flat next to the
// chunks; two with the same name would be ambiguous there, so that fails the build.
import { cpSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'dist', 'bundle');
// Built beside the target and swapped in at the end, so a CLI already running from the old bundle (tests run
// in parallel with builds) keeps finding its chunks for all but a moment.
const out = `${target}.${process.pid}`;
const ASSET = /\.(ya?ml|json)$/;

function assets(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : assets(path);
    return ASSET.test(entry.name) ? [path] : [];
  });
}

await build({
  entryPoints: {
    coastguard: join(root, 'src', 'cli', 'main.ts'),
    // Worker threads load their own file, found beside the chunk that starts them.
    'audit-verify-worker': join(root, 'src', 'pipeline', 'audit-verify-worker.ts'),
  },
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['better-sqlite3', 'playwright-core'],
  chunkNames: 'chunk-[hash]',
  // CommonJS dependencies bundled into ESM call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __cgRequire } from 'node:module'; const require = __cgRequire(import.meta.url);",
  },
  sourcemap: true,
  logLevel: 'warning',
});

const seen = new Map();
for (const file of assets(join(root, 'src'))) {
  const name = basename(file);
  if (seen.has(name)) throw new Error(`bundle: two data files named ${name}: ${seen.get(name)} and ${file}`);
  seen.set(name, file);
  cpSync(file, join(out, name));
}

const old = `${target}.old.${process.pid}`;
if (existsSync(target)) renameSync(target, old);
renameSync(out, target);
rmSync(old, { recursive: true, force: true });

// Build step after tsc: copies the data files modules load at run time (rule files, framework data) from src/ to
// dist/ at the same relative paths. Test fixtures stay behind.
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const dist = join(root, 'dist');
const ASSET = /\.(ya?ml|json)$/;

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__fixtures__' ? [] : walk(path);
    return ASSET.test(entry.name) ? [path] : [];
  });
}

for (const file of walk(src)) cpSync(file, join(dist, relative(src, file)));

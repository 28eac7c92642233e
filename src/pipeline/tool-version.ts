// The tool's own name and version, read once from package.json so reports and the snapshot agree.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const manifest = require('../../package.json') as { name: string; version: string };

export const TOOL = { name: manifest.name, version: manifest.version } as const;

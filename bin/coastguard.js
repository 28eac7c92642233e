#!/usr/bin/env node
// Entry point: runs the bundled CLI (npm run build writes dist/bundle/).
import { main } from '../dist/bundle/coastguard.js';

process.exitCode = await main(process.argv.slice(2));

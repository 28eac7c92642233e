// Test support for Debian's `docker-registry` (Distribution 2.x): start one on a free loopback port with a config
// the test writes (storage in a directory the test owns), wait until it answers, stop it by its pid.
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';
import { join } from 'node:path';

const REGISTRY = '/usr/bin/docker-registry';
const START_TIMEOUT_MS = 15_000;

export interface RunningRegistry {
  /** `127.0.0.1:PORT`. */
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
}

export interface RegistryOptions {
  /** A directory of this test's: the config and the log go here. */
  readonly dir: string;
  /** Where the registry keeps repositories (several registries may share one). */
  readonly storage: string;
  /** The `name` of the config and log files. */
  readonly name: string;
  /** Extra top-level YAML (an `auth:` section). */
  readonly extraYaml?: string;
  readonly tls?: { readonly certificate: string; readonly key: string; readonly ca: string };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startRegistry(options: RegistryOptions): Promise<RunningRegistry> {
  const port = await freePort();
  const tls = options.tls
    ? `  tls:\n    certificate: ${options.tls.certificate}\n    key: ${options.tls.key}\n`
    : '';
  const config = join(options.dir, `${options.name}.yml`);
  await writeFile(
    config,
    `version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n    rootdirectory: ${options.storage}\n` +
      `http:\n  addr: 127.0.0.1:${port}\n${tls}${options.extraYaml ?? ''}`,
  );
  const log = join(options.dir, `${options.name}.log`);
  const out = openSync(log, 'a');
  const child = spawn(REGISTRY, ['serve', config], { stdio: ['ignore', out, out] });
  closeSync(out);
  const stop = () => stopChild(child);
  try {
    await waitUntilAnswering(port, options.tls?.ca, child);
  } catch (err) {
    await stop();
    throw new Error(
      `docker-registry ${options.name} did not start: ${(err as Error).message}\n${await readFile(log, 'utf8')}`,
    );
  }
  return { host: `127.0.0.1:${port}`, port, stop };
}

async function waitUntilAnswering(port: number, ca: string | undefined, child: ChildProcess): Promise<void> {
  const caPem = ca === undefined ? undefined : await readFile(ca, 'utf8');
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const answered = await new Promise<boolean>((resolve) => {
      const send = caPem === undefined ? httpRequest : httpsRequest;
      const req = send({ host: '127.0.0.1', port, path: '/v2/', ...(caPem ? { ca: caPem } : {}) }, (res) => {
        res.resume();
        resolve(true);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no answer on port ${port}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

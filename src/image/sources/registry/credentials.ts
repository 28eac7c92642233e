// Registry credentials: COASTGUARD_REGISTRY_USER with COASTGUARD_REGISTRY_PASSWORD or COASTGUARD_REGISTRY_PASSWORD_FILE
// (a file keeps the secret out of the process environment), else the `auths` entry for the host in the Docker
// client's config.json (`docker login` writes it). Never logged or put in a message.
import { readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CoastguardError } from '../../../core/errors.js';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

/** A Docker config.json is small; a larger file is not one. */
const MAX_DOCKER_CONFIG_BYTES = 1024 * 1024;
const MAX_PASSWORD_FILE_BYTES = 64 * 1024;

export function findCredentials(host: string, env: NodeJS.ProcessEnv = process.env): Credentials | undefined {
  const username = env.COASTGUARD_REGISTRY_USER;
  if (username !== undefined && username !== '') {
    const password =
      env.COASTGUARD_REGISTRY_PASSWORD ?? readPasswordFile(env.COASTGUARD_REGISTRY_PASSWORD_FILE);
    if (password !== undefined) return { username, password };
  }
  const dir = env.DOCKER_CONFIG ?? join(homedir(), '.docker');
  const file = join(dir, 'config.json');
  try {
    if (statSync(file).size > MAX_DOCKER_CONFIG_BYTES) return undefined;
    const config = JSON.parse(readFileSync(file, 'utf8')) as { auths?: Record<string, { auth?: string }> };
    const entry =
      config.auths?.[host] ?? config.auths?.[`https://${host}`] ?? config.auths?.[`http://${host}`];
    if (typeof entry?.auth !== 'string') return undefined;
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon <= 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  } catch {
    // No config, or one we cannot read: anonymous, and a 401 will say credentials are needed.
    return undefined;
  }
}

function readPasswordFile(file: string | undefined): string | undefined {
  if (file === undefined || file === '') return undefined;
  try {
    if (statSync(file).size > MAX_PASSWORD_FILE_BYTES) throw new Error('larger than 64 KiB');
    // One trailing newline is the editor's, not the password's.
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (err) {
    throw new CoastguardError(
      'BAD_INPUT',
      `The registry password file ${file} cannot be read: ${(err as Error).message}`,
    );
  }
}

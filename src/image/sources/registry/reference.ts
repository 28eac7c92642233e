// `registry:HOST[:PORT]/REPOSITORY[:TAG|@sha256:DIGEST]`, parsed by the Distribution spec's grammar (a host, then
// lower-case path components, then a tag or a digest; `latest` when neither is given).
import { CoastguardError } from '../../../core/errors.js';

export const REGISTRY_PREFIX = 'registry:';

export interface RegistryReference {
  /** `host` or `host:port`, as given. */
  readonly host: string;
  readonly repository: string;
  /** A tag, or a digest `sha256:…`. */
  readonly reference: string;
  readonly isDigest: boolean;
}

const HOST =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

export function isSha256Digest(value: string): boolean {
  return DIGEST.test(value);
}

export function parseRegistryReference(ref: string): RegistryReference {
  const bad = (why: string) =>
    new CoastguardError(
      'BAD_USAGE',
      `${ref}: ${why}; expected registry:HOST[:PORT]/REPOSITORY[:TAG|@sha256:DIGEST]`,
    );
  const rest = ref.startsWith(REGISTRY_PREFIX) ? ref.slice(REGISTRY_PREFIX.length) : ref;
  const slash = rest.indexOf('/');
  if (rest.slice(0, slash < 0 ? undefined : slash).includes('@')) {
    // USER:PASSWORD@HOST: the reference is not repeated, it may hold a password.
    throw new CoastguardError(
      'BAD_USAGE',
      'A registry reference must not carry credentials (USER:PASSWORD@HOST); use COASTGUARD_REGISTRY_USER and COASTGUARD_REGISTRY_PASSWORD(_FILE), or docker login',
    );
  }
  if (slash <= 0) throw bad('no registry host');
  const host = rest.slice(0, slash);
  if (!HOST.test(host)) throw bad(`"${host}" is not a registry host`);
  let path = rest.slice(slash + 1);
  let reference = 'latest';
  let isDigest = false;
  const at = path.indexOf('@');
  if (at >= 0) {
    reference = path.slice(at + 1);
    path = path.slice(0, at);
    isDigest = true;
    if (!DIGEST.test(reference)) throw bad(`"${reference}" is not a sha256 digest`);
  } else {
    const colon = path.lastIndexOf(':');
    if (colon > path.lastIndexOf('/')) {
      reference = path.slice(colon + 1);
      path = path.slice(0, colon);
      if (!TAG.test(reference)) throw bad(`"${reference}" is not a valid tag`);
    }
  }
  if (path === '' || path.length > 255 || !path.split('/').every((c) => COMPONENT.test(c))) {
    throw bad(`"${path}" is not a valid repository name`);
  }
  return { host, repository: path, reference, isDigest };
}

/** Whether a host names this machine: plain HTTP is allowed only to these. */
export function isLoopbackHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

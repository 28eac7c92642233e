// `coastguard affected ID`: which images in the engine carry an advisory (by its id or any alias, e.g. a CVE), and
// which containers — running or not — run them; each image once, with all its tags and where its fix comes from.
import {
  closeEngineClient,
  createEngineClient,
  describeConnectionError,
  requestEngine,
} from '../collect/docker/engine-client.js';
import { CoastguardError } from '../core/errors.js';
import type { FixedBy, ScannedVulnerability } from '../core/image/image-scan.js';
import { openStore, type Store } from '../store/index.js';
import { keptOrScan, keptScanFingerprint } from './kept-image-scans.js';

export interface AffectedImage {
  readonly refs: readonly string[];
  readonly digest: string;
  readonly packages: readonly {
    readonly name: string;
    readonly version: string;
    readonly fixedVersion?: string;
  }[];
  readonly fixedBy: FixedBy;
}

export interface AffectedContainer {
  readonly name: string;
  readonly id: string;
  readonly image: string;
  readonly state: string;
}

export interface AffectedReport {
  /** The advisory ids the given id resolved to (an alias can name several records). */
  readonly advisory: { readonly query: string; readonly ids: readonly string[] };
  readonly images: readonly AffectedImage[];
  readonly containers: readonly AffectedContainer[];
}

interface EngineImage {
  Id: string;
  RepoTags?: string[] | null;
}
interface EngineContainer {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID: string;
  State: string;
}

export async function findAffected(options: {
  id: string;
  home: string;
  onProgress?: (line: string) => void;
}): Promise<AffectedReport> {
  const store = await openStore({ home: options.home });
  try {
    return await findAffectedIn(store, options);
  } finally {
    await store.close();
  }
}

async function findAffectedIn(
  store: Store,
  options: { id: string; home: string; onProgress?: (line: string) => void },
): Promise<AffectedReport> {
  const known = await store.advisories.findById(options.id);
  if (known.length === 0) {
    throw new CoastguardError(
      'BAD_INPUT',
      `No advisory ${options.id} in the vulnerability database (by id or alias). Import one with \`coastguard db update\`.`,
    );
  }
  const ids = new Set(known.map((a) => a.id));
  const client = await createEngineClient();
  let images: EngineImage[];
  let containers: EngineContainer[];
  try {
    [images, containers] = await Promise.all([
      requestEngine<EngineImage[]>(client, '/images/json'),
      requestEngine<EngineContainer[]>(client, '/containers/json', { query: { all: true } }),
    ]);
  } catch (err) {
    throw new CoastguardError('ENGINE_UNREACHABLE', describeConnectionError(err, client), { cause: err });
  } finally {
    closeEngineClient(client);
  }

  await store.imageScans.forgetAllBut(new Set(images.map((i) => i.Id)));
  const fingerprint = keptScanFingerprint(await store.advisories.listSources());
  const affected: AffectedImage[] = [];
  for (const [index, image] of images.entries()) {
    const refs = (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    options.onProgress?.(`image ${index + 1}/${images.length} ${refs[0] ?? image.Id.slice(7, 19)}`);
    const result = await keptOrScan(store, image.Id, fingerprint, { home: options.home });
    const hits = result.vulnerabilities.filter((v) => ids.has(v.id));
    if (hits.length === 0) continue;
    const fixedBy: FixedBy = hits.some((h) => h.fixedBy === 'application')
      ? 'application'
      : hits.some((h) => h.fixedBy === 'base')
        ? 'base'
        : 'none';
    affected.push({
      refs,
      digest: image.Id,
      packages: packagesOf(hits),
      fixedBy,
    });
  }
  const digests = new Set(affected.map((a) => a.digest));
  return {
    advisory: { query: options.id, ids: [...ids].sort() },
    images: affected,
    containers: containers
      .filter((c) => digests.has(c.ImageID))
      .map((c) => ({
        name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
        id: c.Id,
        image: c.Image,
        state: c.State,
      })),
  };
}

/** Each vulnerable package once: several records of one advisory (a DLA and its CVE) name the same package. */
function packagesOf(hits: readonly ScannedVulnerability[]): AffectedImage['packages'] {
  const seen = new Map<string, AffectedImage['packages'][number]>();
  for (const h of hits) {
    const key = JSON.stringify([h.package, h.installedVersion, h.fixedVersion ?? null]);
    if (seen.has(key)) continue;
    seen.set(key, {
      name: h.package,
      version: h.installedVersion,
      ...(h.fixedVersion === undefined ? {} : { fixedVersion: h.fixedVersion }),
    });
  }
  return [...seen.values()];
}

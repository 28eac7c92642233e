// The images a site declares it runs, read from its compose files and Kubernetes manifests: they join
// `agent.expectedImages`, so a container of any other image is rogue.
import { parseAllDocuments } from 'yaml';
import { readBounded } from '../../collect/read-bounded.js';
import { CoastguardError } from '../../core/errors.js';

const MAX_FILE_BYTES = 4 * 1024 * 1024;

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function imagesOfPodSpec(spec: unknown): string[] {
  const s = record(spec);
  if (s === undefined) return [];
  return ['containers', 'initContainers', 'ephemeralContainers'].flatMap((key) => {
    const list = s[key];
    return Array.isArray(list)
      ? list.flatMap((c) => (typeof record(c)?.image === 'string' ? [record(c)?.image as string] : []))
      : [];
  });
}

/** The pod spec of a workload object, whatever its kind (Pod, Deployment and the like, Job, CronJob). */
function podSpecOf(doc: Record<string, unknown>): unknown {
  const spec = record(doc.spec);
  if (doc.kind === 'Pod') return spec;
  if (doc.kind === 'CronJob') return record(record(record(spec?.jobTemplate)?.spec)?.template)?.spec;
  return record(spec?.template)?.spec;
}

function parseYaml(text: string, file: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error)
      throw new CoastguardError('BAD_INPUT', `${file}: invalid YAML: ${error.message.split('\n')[0]}`);
  }
  return list.map((d) => d.toJS());
}

/** `services.*.image` of a compose file. */
export function imagesFromCompose(text: string, file: string): string[] {
  const [doc] = parseYaml(text, file);
  const services = record(record(doc)?.services);
  if (services === undefined)
    throw new CoastguardError('BAD_INPUT', `${file}: not a compose file (no services)`);
  return Object.values(services).flatMap((s) =>
    typeof record(s)?.image === 'string' ? [record(s)?.image as string] : [],
  );
}

/** Container images of every workload in Kubernetes manifests (several documents, and `kind: List`). */
export function imagesFromManifests(text: string, file: string): string[] {
  const objects = parseYaml(text, file).flatMap((doc) => {
    const d = record(doc);
    if (d === undefined) return [];
    return d.kind === 'List' && Array.isArray(d.items)
      ? d.items.map(record).filter((i) => i !== undefined)
      : [d];
  });
  return objects.flatMap((o) => imagesOfPodSpec(podSpecOf(o)));
}

export interface DeclaredSources {
  readonly composeFiles: readonly string[];
  readonly kubernetesManifests: readonly string[];
}

export async function readDeclaredImages(sources: DeclaredSources): Promise<string[]> {
  const read = async (file: string) => {
    try {
      return (await readBounded(file, MAX_FILE_BYTES)).toString('utf8');
    } catch (err) {
      throw new CoastguardError('BAD_INPUT', `Cannot read ${file}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  };
  const images: string[] = [];
  for (const file of sources.composeFiles) images.push(...imagesFromCompose(await read(file), file));
  for (const file of sources.kubernetesManifests) images.push(...imagesFromManifests(await read(file), file));
  return [...new Set(images)];
}

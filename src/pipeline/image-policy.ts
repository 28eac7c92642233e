// The image policy of coastguard.yaml, for the image and host scans. Without a configuration file nothing is
// loaded: the YAML parser and the schema are a large part of a short scan's start-up.
import { evaluateImagePolicy } from '../checks/image-policy/evaluate-image-policy.js';
import { type ConfigLookup, hasConfigFile } from '../config/config-lookup.js';
import type { ImagePolicy } from '../core/image/image-policy.js';
import type { ImageScanResult } from '../core/image/image-scan.js';

export async function loadImagePolicy(lookup: ConfigLookup): Promise<ImagePolicy | undefined> {
  if (!hasConfigFile(lookup)) return undefined;
  const { loadConfig } = await import('../config/index.js');
  return (await loadConfig(lookup)).config.imagePolicy;
}

/** References that are not image names: archives, layouts and image ids. */
const NOT_A_NAME = /^(docker-archive:|oci:|sha256:)|^[0-9a-f]{12,64}$/;

/** The names an image goes by: the reference given when it is a name (not an id or an archive), and its tags. */
export function imageNames(ref: string, tags: readonly string[]): string[] {
  return [...new Set([...(NOT_A_NAME.test(ref) ? [] : [ref]), ...tags])];
}

/** The scan with its judgement against the policy, under the names given. */
export function withPolicy(
  result: ImageScanResult,
  policy: ImagePolicy,
  names: readonly string[],
): ImageScanResult {
  const subject = { kind: 'image' as const, id: result.image.digest, name: names[0] ?? result.image.ref };
  return { ...result, policy: evaluateImagePolicy({ scan: result, names, subject }, policy) };
}

// The image policy of coastguard.yaml, for the image and host scans. Without a configuration file nothing is
// loaded: the YAML parser and the schema are a large part of a short scan's start-up.
import { type ConfigLookup, hasConfigFile } from '../config/config-lookup.js';
import type { ImagePolicy } from '../core/image/image-policy.js';

export async function loadImagePolicy(lookup: ConfigLookup): Promise<ImagePolicy | undefined> {
  if (!hasConfigFile(lookup)) return undefined;
  const { loadConfig } = await import('../config/index.js');
  return (await loadConfig(lookup)).config.imagePolicy;
}

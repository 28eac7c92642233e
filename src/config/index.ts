// Coastguard's configuration file, coastguard.yaml: where it is looked for and what it may say.
export { CONFIG_FILE, type ConfigLookup, configCandidates, hasConfigFile } from './config-lookup.js';
export {
  type CoastguardConfig,
  type LoadedConfig,
  loadConfig,
  MAX_CONFIG_BYTES,
  parseConfig,
} from './load-config.js';

// Where coastguard.yaml is looked for, without reading it: --config, else ./coastguard.yaml, else the home's. Kept
// apart from the parser so a command can learn there is no file without loading YAML and schema code.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONFIG_FILE = 'coastguard.yaml';

export interface ConfigLookup {
  /** --config: must exist. */
  explicit?: string;
  cwd: string;
  home: string;
}

/** The files that may hold the configuration, in the order they are tried. */
export function configCandidates(lookup: ConfigLookup): string[] {
  return lookup.explicit !== undefined
    ? [resolve(lookup.cwd, lookup.explicit)]
    : [join(lookup.cwd, CONFIG_FILE), join(lookup.home, CONFIG_FILE)];
}

/** Whether there is a configuration to read (an explicit one always counts: its absence is an error to report). */
export function hasConfigFile(lookup: ConfigLookup): boolean {
  return lookup.explicit !== undefined || configCandidates(lookup).some((file) => existsSync(file));
}

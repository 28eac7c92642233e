// Package ecosystems Coastguard knows: each names one way of spelling and ordering versions.

/** OS package formats first, then language ecosystems. */
export const ECOSYSTEMS = ['deb', 'apk', 'rpm', 'npm', 'pypi', 'maven', 'go'] as const;
export type Ecosystem = (typeof ECOSYSTEMS)[number];

export function isEcosystem(value: string): value is Ecosystem {
  return (ECOSYSTEMS as readonly string[]).includes(value);
}

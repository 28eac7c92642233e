// Which manifest of an index (or Docker manifest list) to read: this machine's platform, or the one asked for with
// COASTGUARD_REGISTRY_PLATFORM=OS/ARCH[/VARIANT]. Entries with another platform (attestations carry unknown/unknown)
// are never picked.
import { CoastguardError } from '../../../core/errors.js';
import { hostPlatform } from '../oci-layout.js';
import { isRecord } from '../read-json-file.js';

export interface WantedPlatform {
  readonly os: string;
  readonly architecture: string;
  /** When given, the entry's variant must match (arm/v7 vs arm/v6). */
  readonly variant?: string;
}

const PART = /^[a-z0-9._-]{1,32}$/;

export function parsePlatform(text: string): WantedPlatform {
  const parts = text.split('/');
  const [os, architecture, variant] = parts;
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p)) || !os || !architecture) {
    throw new CoastguardError(
      'BAD_USAGE',
      `"${text}" is not a platform; expected OS/ARCH[/VARIANT], e.g. linux/arm64`,
    );
  }
  return { os, architecture, ...(variant === undefined ? {} : { variant }) };
}

export function describePlatform(platform: WantedPlatform): string {
  return [platform.os, platform.architecture, platform.variant].filter((p) => p !== undefined).join('/');
}

export function pickPlatform(
  manifests: readonly unknown[],
  label: string,
  wanted: WantedPlatform = hostPlatform(),
): unknown {
  const found = manifests.find((m) => {
    const platform = isRecord(m) && isRecord(m.platform) ? m.platform : undefined;
    return (
      platform?.os === wanted.os &&
      platform?.architecture === wanted.architecture &&
      (wanted.variant === undefined || platform?.variant === wanted.variant)
    );
  });
  if (found === undefined) {
    throw new CoastguardError('BAD_INPUT', `${label}: no image for ${describePlatform(wanted)} in the index`);
  }
  return found;
}

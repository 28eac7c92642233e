// What a Java archive says it is. Maven writes META-INF/maven/<groupId>/<artifactId>/pom.properties into every
// artifact it builds (shaded jars carry one per bundled artifact); without it the JAR manifest (JAR File
// Specification, "Main Attributes") may name the implementation:
//
//   pom.properties  = java.util.Properties text: "key=value" or "key: value" lines, "#" or "!" comments
//   MANIFEST.MF     = "Name: value" lines of at most 72 bytes; a line starting with one space continues the last
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const separator = /[=:]/.exec(line);
    if (separator === null) continue;
    properties.set(line.slice(0, separator.index).trim(), line.slice(separator.index + 1).trim());
  }
  return properties;
}

/** The main section only (up to the first blank line): per-entry sections describe files, not the archive. */
export function parseManifest(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split(/\r?\n|\r/)) {
    if (line === '') break;
    if (line.startsWith(' ') && last !== undefined) {
      attributes.set(last, `${attributes.get(last) ?? ''}${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    attributes.set(last, line.slice(colon + 1).trim());
  }
  return attributes;
}

/** `groupId:artifactId`, the name Maven advisories (OSV, GHSA) use. */
export function mavenPackage(
  group: string | undefined,
  artifact: string,
  version: string,
  location: string,
): Package {
  return {
    ecosystem: 'maven',
    name: group === undefined ? artifact : `${group}:${artifact}`,
    version,
    location,
    purl: formatPurl({
      type: 'maven',
      ...(group === undefined ? {} : { namespace: group }),
      name: artifact,
      version,
    }),
  };
}

export function packageFromPomProperties(
  properties: Map<string, string>,
  location: string,
): Package | undefined {
  const group = properties.get('groupId');
  const artifact = properties.get('artifactId');
  const version = properties.get('version');
  if (!group || !artifact || !version) return undefined;
  return mavenPackage(group, artifact, version, location);
}

export function packageFromManifest(attributes: Map<string, string>, location: string): Package | undefined {
  const title = attributes.get('Implementation-Title');
  const version = attributes.get('Implementation-Version');
  if (!title || !version) return undefined;
  return mavenPackage(attributes.get('Implementation-Vendor-Id') || undefined, title, version, location);
}

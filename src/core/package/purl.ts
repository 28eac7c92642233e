// Package URLs (github.com/package-url/purl-spec, PURL-SPECIFICATION.rst): one string naming a package anywhere.

export interface PurlParts {
  readonly type: string;
  readonly namespace?: string;
  readonly name: string;
  readonly version?: string;
  /** Written sorted by key, as the spec's canonical form requires; empty values are left out. */
  readonly qualifiers?: Readonly<Record<string, string | undefined>>;
}

/** Each namespace segment, the name and the version are percent-encoded; `@` of npm scopes included. */
export function formatPurl(parts: PurlParts): string {
  const namespace = parts.namespace ? `${parts.namespace.split('/').map(encodeURIComponent).join('/')}/` : '';
  const version = parts.version === undefined ? '' : `@${encodeURIComponent(parts.version)}`;
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key.toLowerCase()}=${encodeURIComponent(value)}`)
    .join('&');
  return `pkg:${parts.type}/${namespace}${encodeURIComponent(parts.name)}${version}${qualifiers ? `?${qualifiers}` : ''}`;
}

// Globs as coastguard.yaml writes them (rule names, container and image names, audit actions): `*` any run of
// characters, `?` one character, everything else literal; the whole value must match.

export function globToRegExp(glob: string, options: { ignoreCase?: boolean } = {}): RegExp {
  const body = [...glob]
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[\\^$.|+()[\]{}]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, options.ignoreCase === true ? 'is' : 's');
}

export function matchesGlob(
  value: string,
  globs: readonly string[],
  options: { ignoreCase?: boolean } = {},
): boolean {
  return globs.some((g) => globToRegExp(g, options).test(value));
}

// The one helper every plugin index uses: an explicit, typed map whose keys must equal member ids.

export function createRegistry<K extends string, V>(
  kind: string,
  members: Record<K, V>,
  idOf: (member: V) => string,
): Readonly<Record<K, V>> {
  for (const [key, member] of Object.entries(members) as [K, V][]) {
    if (idOf(member) !== key) {
      throw new Error(`${kind} registry: key "${key}" does not match member id "${idOf(member)}"`);
    }
  }
  return Object.freeze(members);
}

// /etc/passwd and /etc/group, to name file owners and to list who may drive the daemon (the docker group). Pure
// parsers; malformed lines are skipped rather than guessed at.

export interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
}

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** passwd(5): name:password:UID:GID:GECOS:directory:shell */
export function parsePasswd(text: string): PasswdEntry[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.split(':');
    if (fields.length < 7 || line.startsWith('#')) return [];
    const [name = '', , uid = '', gid = ''] = fields;
    if (name === '' || !/^\d+$/.test(uid) || !/^\d+$/.test(gid)) return [];
    return [{ name, uid: Number(uid), gid: Number(gid) }];
  });
}

/** group(5): group_name:password:GID:user_list */
export function parseGroup(text: string): GroupEntry[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.split(':');
    if (fields.length < 4 || line.startsWith('#')) return [];
    const [name = '', , gid = '', members = ''] = fields;
    if (name === '' || !/^\d+$/.test(gid)) return [];
    return [
      {
        name,
        gid: Number(gid),
        members: members
          .split(',')
          .map((m) => m.trim())
          .filter(Boolean),
      },
    ];
  });
}

/** Who is in a group: its listed members plus users whose primary group it is, sorted. Undefined: no such group. */
export function listGroupMembers(
  groupName: string,
  users: readonly PasswdEntry[],
  groups: readonly GroupEntry[],
): string[] | undefined {
  const group = groups.find((g) => g.name === groupName);
  if (!group) return undefined;
  const primary = users.filter((u) => u.gid === group.gid).map((u) => u.name);
  return [...new Set([...group.members, ...primary])].sort();
}

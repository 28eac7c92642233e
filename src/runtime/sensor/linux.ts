// Linux constants sensors render the way Falco does: open flags, capability names, ptrace requests (x86_64).

const ACCESS_MODES = ['O_RDONLY', 'O_WRONLY', 'O_RDWR'] as const;
const OPEN_FLAGS: readonly [number, string][] = [
  [0o100, 'O_CREAT'],
  [0o200, 'O_EXCL'],
  [0o400, 'O_NOCTTY'],
  [0o1000, 'O_TRUNC'],
  [0o2000, 'O_APPEND'],
  [0o4000, 'O_NONBLOCK'],
  [0o10000, 'O_DSYNC'],
  [0o200000, 'O_DIRECTORY'],
  [0o400000, 'O_NOFOLLOW'],
  [0o2000000, 'O_CLOEXEC'],
  [0o20000000, 'O_TMPFILE'],
];

export interface OpenMode {
  flags: string;
  isRead: boolean;
  isWrite: boolean;
  isDirectory: boolean;
}

export function describeOpenFlags(flags: number): OpenMode {
  const access = flags & 3;
  const names: string[] = [ACCESS_MODES[access] ?? 'O_RDONLY'];
  for (const [bit, name] of OPEN_FLAGS) if ((flags & bit) !== 0) names.push(name);
  return {
    flags: names.join('|'),
    isRead: access === 0 || access === 2,
    isWrite: access === 1 || access === 2,
    isDirectory: (flags & 0o200000) !== 0,
  };
}

/** include/uapi/linux/capability.h, in bit order. */
const CAPABILITIES = [
  'CAP_CHOWN',
  'CAP_DAC_OVERRIDE',
  'CAP_DAC_READ_SEARCH',
  'CAP_FOWNER',
  'CAP_FSETID',
  'CAP_KILL',
  'CAP_SETGID',
  'CAP_SETUID',
  'CAP_SETPCAP',
  'CAP_LINUX_IMMUTABLE',
  'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST',
  'CAP_NET_ADMIN',
  'CAP_NET_RAW',
  'CAP_IPC_LOCK',
  'CAP_IPC_OWNER',
  'CAP_SYS_MODULE',
  'CAP_SYS_RAWIO',
  'CAP_SYS_CHROOT',
  'CAP_SYS_PTRACE',
  'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN',
  'CAP_SYS_BOOT',
  'CAP_SYS_NICE',
  'CAP_SYS_RESOURCE',
  'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG',
  'CAP_MKNOD',
  'CAP_LEASE',
  'CAP_AUDIT_WRITE',
  'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP',
  'CAP_MAC_OVERRIDE',
  'CAP_MAC_ADMIN',
  'CAP_SYSLOG',
  'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND',
  'CAP_AUDIT_READ',
  'CAP_PERFMON',
  'CAP_BPF',
  'CAP_CHECKPOINT_RESTORE',
];

/** Capability names of a hexadecimal capability mask, space-separated; undefined when not hexadecimal. */
export function describeCapabilities(hex: string): string | undefined {
  if (!/^[0-9a-fA-F]{1,16}$/.test(hex)) return undefined;
  const mask = BigInt(`0x${hex}`);
  return CAPABILITIES.filter((_, bit) => (mask >> BigInt(bit)) & 1n).join(' ');
}

const PTRACE_REQUESTS: Readonly<Record<number, string>> = {
  0: 'PTRACE_TRACEME',
  4: 'PTRACE_POKETEXT',
  5: 'PTRACE_POKEDATA',
  6: 'PTRACE_POKEUSER',
  13: 'PTRACE_SETREGS',
  16: 'PTRACE_ATTACH',
  16902: 'PTRACE_SEIZE',
};

export function describePtraceRequest(request: number): string {
  return PTRACE_REQUESTS[request] ?? `PTRACE_${request}`;
}

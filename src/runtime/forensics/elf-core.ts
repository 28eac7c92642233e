// The byte layout of an ELF core file (ET_CORE) as Linux writes it (fs/binfmt_elf.c, elf(5)): ELF header, program
// headers (one PT_NOTE, then one PT_LOAD per memory region), the notes, then the region contents. gdb, readelf and
// volatility-style tools read this shape. Only the layout lives here; reading memory is proc-memory.ts's job.

/** The machines whose prstatus layout we know (asm/elf.h, sys/procfs.h). */
export const CORE_MACHINES = {
  x64: { machine: 62, registers: 27, spIndex: 19, pcIndex: 16 },
  arm64: { machine: 183, registers: 34, spIndex: 31, pcIndex: 32 },
} as const;
export type CoreMachine = keyof typeof CORE_MACHINES;

const PT_LOAD = 1;
const PT_NOTE = 4;
const ET_CORE = 4;
const NT_PRSTATUS = 1;
const NT_PRPSINFO = 3;
const NT_AUXV = 6;
/** 'FILE': the mapped files, as Linux writes it (fill_files_note), so debuggers find the binaries and libraries. */
const NT_FILE = 0x46494c45;
const ELF_HEADER_SIZE = 64;
const PROGRAM_HEADER_SIZE = 56;
const PAGE = 0x1000;

export interface CoreRegion {
  start: bigint;
  end: bigint;
  /** `r`, `w`, `x` flags as in /proc/PID/maps. */
  isReadable: boolean;
  isWritable: boolean;
  isExecutable: boolean;
  /** Bytes of this region present in the file: the region's size, or 0 when it was not (or could not be) read. */
  fileSize: bigint;
}

export interface MappedFile {
  start: bigint;
  end: bigint;
  /** Offset into the file in bytes (page-aligned). */
  offset: bigint;
  path: string;
}

export interface CoreProcess {
  pid: number;
  ppid: number;
  pgrp: number;
  sid: number;
  uid: number;
  gid: number;
  /** comm, at most 15 bytes kept. */
  name: string;
  /** The command line, at most 79 bytes kept (ELF_PRARGSZ). */
  args: string;
  /** State letter from /proc/PID/stat (`S`, `R`, `T`...). */
  state: string;
  /** Stack pointer and instruction pointer when known (from /proc/PID/syscall), else 0. */
  sp: bigint;
  pc: bigint;
  /** /proc/PID/auxv verbatim, or empty. */
  auxv: Uint8Array;
  /** File-backed mappings (NT_FILE); empty leaves the note out. */
  mappedFiles: readonly MappedFile[];
}

export interface CoreLayout {
  /** ELF header, program headers and notes: the first `headerBytes.length` bytes of the file. */
  headerBytes: Buffer;
  /** File offset of each region's contents, in the order given (0 for regions without contents). */
  offsets: bigint[];
  /** Total file size. */
  size: bigint;
}

/**
 * Lays out a core file for `regions`: returns the header bytes and where each region's contents go. With
 * `fixedOffsets` (from an earlier layout) regions keep those offsets, so contents already written stay valid when
 * a region is later dropped (its fileSize set to 0).
 */
export function layoutCore(
  machine: CoreMachine,
  proc: CoreProcess,
  regions: readonly CoreRegion[],
  fixedOffsets?: readonly bigint[],
): CoreLayout {
  const notes = Buffer.concat([
    note(NT_PRSTATUS, prstatus(machine, proc)),
    note(NT_PRPSINFO, prpsinfo(proc)),
    ...(proc.auxv.length > 0 ? [note(NT_AUXV, Buffer.from(proc.auxv))] : []),
    ...(proc.mappedFiles.length > 0 ? [note(NT_FILE, fileNote(proc.mappedFiles))] : []),
  ]);
  const phnum = 1 + regions.length;
  const notesOffset = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE * phnum;
  const dataStart = alignUp(BigInt(notesOffset + notes.length), BigInt(PAGE));
  const offsets: bigint[] = [];
  let cursor = dataStart;
  let size = dataStart;
  for (const [i, region] of regions.entries()) {
    const offset = region.fileSize > 0n ? (fixedOffsets?.[i] ?? cursor) : 0n;
    offsets.push(offset);
    cursor += region.fileSize;
    if (offset + region.fileSize > size) size = offset + region.fileSize;
  }

  const header = Buffer.alloc(notesOffset);
  writeElfHeader(header, CORE_MACHINES[machine].machine, phnum);
  let at = ELF_HEADER_SIZE;
  writeProgramHeader(header, at, {
    type: PT_NOTE,
    flags: 0,
    offset: BigInt(notesOffset),
    vaddr: 0n,
    fileSize: BigInt(notes.length),
    memSize: 0n,
    align: 1n,
  });
  regions.forEach((region, i) => {
    at += PROGRAM_HEADER_SIZE;
    writeProgramHeader(header, at, {
      type: PT_LOAD,
      flags: (region.isReadable ? 4 : 0) | (region.isWritable ? 2 : 0) | (region.isExecutable ? 1 : 0),
      offset: offsets[i] ?? 0n,
      vaddr: region.start,
      fileSize: region.fileSize,
      memSize: region.end - region.start,
      align: BigInt(PAGE),
    });
  });
  return { headerBytes: Buffer.concat([header, notes]), offsets, size };
}

function writeElfHeader(b: Buffer, machine: number, phnum: number): void {
  b.set([
    0x7f, 0x45, 0x4c, 0x46, 2 /* ELFCLASS64 */, 1 /* little endian */, 1 /* EV_CURRENT */, 0 /* SYSV */,
  ]);
  b.writeUInt16LE(ET_CORE, 16);
  b.writeUInt16LE(machine, 18);
  b.writeUInt32LE(1, 20);
  b.writeBigUInt64LE(0n, 24); // e_entry
  b.writeBigUInt64LE(BigInt(ELF_HEADER_SIZE), 32); // e_phoff
  b.writeBigUInt64LE(0n, 40); // e_shoff: a core has no sections
  b.writeUInt32LE(0, 48);
  b.writeUInt16LE(ELF_HEADER_SIZE, 52);
  b.writeUInt16LE(PROGRAM_HEADER_SIZE, 54);
  b.writeUInt16LE(phnum, 56);
  b.writeUInt16LE(64, 58); // e_shentsize, as the kernel writes it even with no sections
  b.writeUInt16LE(0, 60);
  b.writeUInt16LE(0, 62);
}

interface ProgramHeader {
  type: number;
  flags: number;
  offset: bigint;
  vaddr: bigint;
  fileSize: bigint;
  memSize: bigint;
  align: bigint;
}

function writeProgramHeader(b: Buffer, at: number, h: ProgramHeader): void {
  b.writeUInt32LE(h.type, at);
  b.writeUInt32LE(h.flags, at + 4);
  b.writeBigUInt64LE(h.offset, at + 8);
  b.writeBigUInt64LE(h.vaddr, at + 16);
  b.writeBigUInt64LE(0n, at + 24); // p_paddr
  b.writeBigUInt64LE(h.fileSize, at + 32);
  b.writeBigUInt64LE(h.memSize, at + 40);
  b.writeBigUInt64LE(h.align, at + 48);
}

/** One note: namesz, descsz, type, then "CORE\0" and the descriptor, each padded to 4 bytes. */
function note(type: number, desc: Buffer): Buffer {
  const name = Buffer.from('CORE\0', 'latin1');
  const head = Buffer.alloc(12);
  head.writeUInt32LE(name.length, 0);
  head.writeUInt32LE(desc.length, 4);
  head.writeUInt32LE(type, 8);
  return Buffer.concat([head, pad4(name), pad4(desc)]);
}

/**
 * struct elf_prstatus (64-bit): siginfo (12) + cursig (2, padded 4) + sigpend (8) + sighold (8) + pid, ppid, pgrp,
 * sid (16) + four timevals (64) + pr_reg + fpvalid (4, padded 8).
 */
function prstatus(machine: CoreMachine, p: CoreProcess): Buffer {
  const { registers, spIndex, pcIndex } = CORE_MACHINES[machine];
  const regOffset = 112;
  const b = Buffer.alloc(regOffset + registers * 8 + 8);
  b.writeInt32LE(p.pid, 32);
  b.writeInt32LE(p.ppid, 36);
  b.writeInt32LE(p.pgrp, 40);
  b.writeInt32LE(p.sid, 44);
  b.writeBigUInt64LE(p.sp, regOffset + spIndex * 8);
  b.writeBigUInt64LE(p.pc, regOffset + pcIndex * 8);
  return b;
}

/** struct elf_prpsinfo (64-bit): state, sname, zomb, nice, flag, uid, gid, pid, ppid, pgrp, sid, fname[16], psargs[80]. */
function prpsinfo(p: CoreProcess): Buffer {
  const b = Buffer.alloc(136);
  const letter = p.state.charAt(0) || 'S';
  b.writeUInt8('RSDTZW'.indexOf(letter) < 0 ? 0 : 'RSDTZW'.indexOf(letter), 0);
  b.write(letter, 1, 'latin1');
  b.writeUInt8(letter === 'Z' ? 1 : 0, 2);
  b.writeUInt32LE(p.uid >>> 0, 16);
  b.writeUInt32LE(p.gid >>> 0, 20);
  b.writeInt32LE(p.pid, 24);
  b.writeInt32LE(p.ppid, 28);
  b.writeInt32LE(p.pgrp, 32);
  b.writeInt32LE(p.sid, 36);
  Buffer.from(p.name, 'utf8').subarray(0, 15).copy(b, 40);
  Buffer.from(p.args, 'utf8').subarray(0, 79).copy(b, 56);
  return b;
}

/** count, page size, then (start, end, offset in pages) per file, then the NUL-terminated names in order. */
function fileNote(files: readonly MappedFile[]): Buffer {
  const head = Buffer.alloc(16 + files.length * 24);
  head.writeBigUInt64LE(BigInt(files.length), 0);
  head.writeBigUInt64LE(BigInt(PAGE), 8);
  files.forEach((f, i) => {
    head.writeBigUInt64LE(f.start, 16 + i * 24);
    head.writeBigUInt64LE(f.end, 24 + i * 24);
    head.writeBigUInt64LE(f.offset / BigInt(PAGE), 32 + i * 24);
  });
  return Buffer.concat([head, ...files.map((f) => Buffer.from(`${f.path}\0`, 'utf8'))]);
}

function pad4(b: Buffer): Buffer {
  const rest = b.length % 4;
  return rest === 0 ? b : Buffer.concat([b, Buffer.alloc(4 - rest)]);
}

function alignUp(value: bigint, to: bigint): bigint {
  return ((value + to - 1n) / to) * to;
}

/** The machine of this process, for its own cores; undefined where we do not know prstatus's layout. */
export function hostCoreMachine(arch: string = process.arch): CoreMachine | undefined {
  return arch === 'x64' || arch === 'arm64' ? arch : undefined;
}

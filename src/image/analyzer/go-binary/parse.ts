// The build information the Go linker embeds in every binary since Go 1.13 (runtime/debug.BuildInfo; read as Go's
// own debug/buildinfo reads it). A 32-byte header, 16-byte aligned, in the data segment:
//
//   header = "\xff Go buildinf:" ptrSize:u8 flags:u8 pad[16]
//   flags & 2 (Go ≥ 1.18): two strings follow inline, each uvarint(length) bytes: the Go version, then the
//                          module information, which is framed by 16 sentinel bytes on each side.
//   otherwise (Go < 1.18): two pointers (ptrSize bytes, big-endian if flags & 1) to Go string headers
//                          {data pointer, length} in virtual memory, mapped to file offsets through the ELF
//                          program headers (PT_LOAD segments; ELF(5)), which sit at the start of the file.
//
// Module information is tab-separated lines (runtime/debug.ParseBuildInfo):
//   path <main package path>          mod <path> <version> [<sum>]
//   dep <path> <version> [<sum>]      => <path> <version> [<sum>]   (replaces the line before it)
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER_BYTES = 32;
const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE_STRINGS = 2;
/** The magic also appears as data in binaries that link debug/buildinfo; a few false starts are tolerated. */
const MAX_CANDIDATES = 16;
/** Module information of the largest real binaries is well under this. */
const MAX_STRING = 4 * 1024 * 1024;

export type GoBuildInfoResult =
  | { readonly kind: 'not-go' }
  | { readonly kind: 'old-format'; readonly reason: string }
  | { readonly kind: 'malformed'; readonly reason: string }
  | { readonly kind: 'build-info'; readonly goVersion: string; readonly modules: string };

export function findGoBuildInfo(content: Buffer): GoBuildInfoResult {
  let from = 0;
  let reason: string | undefined;
  for (let tries = 0; tries < MAX_CANDIDATES; tries++) {
    const at = content.indexOf(MAGIC, from);
    if (at === -1) break;
    from = at + 1;
    if (at % 16 !== 0 || at + HEADER_BYTES > content.length) {
      reason ??= 'build-info header cut off or misaligned';
      continue;
    }
    const ptrSize = content[at + 14];
    const flags = content[at + 15] ?? 0;
    if (ptrSize !== 4 && ptrSize !== 8) {
      reason = `pointer size ${ptrSize} is neither 4 nor 8`;
      continue;
    }
    if ((flags & FLAG_INLINE_STRINGS) === 0)
      return readPointerFormat(content, at, ptrSize, (flags & FLAG_BIG_ENDIAN) !== 0);
    const version = readVarintString(content, at + HEADER_BYTES);
    if (typeof version === 'string') return { kind: 'malformed', reason: `Go version: ${version}` };
    const modules = readVarintString(content, version.next);
    if (typeof modules === 'string') return { kind: 'malformed', reason: `module information: ${modules}` };
    return { kind: 'build-info', goVersion: version.value, modules: stripSentinels(modules.value) };
  }
  return reason === undefined ? { kind: 'not-go' } : { kind: 'malformed', reason };
}

/** Go < 1.18: the header points at two string headers; only ELF binaries (what Linux images hold) are mapped. */
function readPointerFormat(
  content: Buffer,
  at: number,
  ptrSize: number,
  isBigEndian: boolean,
): GoBuildInfoResult {
  const segments = readLoadSegments(content);
  if (typeof segments === 'string') return { kind: 'old-format', reason: segments };
  const readPointer = (offset: number): number | undefined => {
    if (offset < 0 || offset + ptrSize > content.length) return undefined;
    if (ptrSize === 4) return isBigEndian ? content.readUInt32BE(offset) : content.readUInt32LE(offset);
    const value = isBigEndian ? content.readBigUInt64BE(offset) : content.readBigUInt64LE(offset);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : undefined;
  };
  const toOffset = (address: number | undefined): number | undefined => {
    if (address === undefined) return undefined;
    const segment = segments.find((s) => address >= s.address && address < s.address + s.size);
    return segment === undefined ? undefined : segment.offset + (address - segment.address);
  };
  const readGoString = (headerAddress: number | undefined): string | undefined => {
    const header = toOffset(headerAddress);
    if (header === undefined) return undefined;
    const data = toOffset(readPointer(header));
    const length = readPointer(header + ptrSize);
    if (data === undefined || length === undefined || length > MAX_STRING || data + length > content.length) {
      return undefined;
    }
    return content.toString('utf8', data, data + length);
  };
  const goVersion = readGoString(readPointer(at + 16));
  const modules = readGoString(readPointer(at + 16 + ptrSize));
  if (goVersion === undefined || modules === undefined) {
    return { kind: 'malformed', reason: 'pointers of the Go < 1.18 build information lead outside the file' };
  }
  return { kind: 'build-info', goVersion, modules: stripSentinels(modules) };
}

interface LoadSegment {
  readonly address: number;
  readonly offset: number;
  readonly size: number;
}

const PT_LOAD = 1;
const MAX_PROGRAM_HEADERS = 256;

function readLoadSegments(content: Buffer): LoadSegment[] | string {
  if (content.length < 64 || content.toString('latin1', 0, 4) !== '\x7fELF') return 'not an ELF file';
  const is64 = content[4] === 2;
  const isBig = content[5] === 2;
  const u16 = (o: number) => (isBig ? content.readUInt16BE(o) : content.readUInt16LE(o));
  const u32 = (o: number) => (isBig ? content.readUInt32BE(o) : content.readUInt32LE(o));
  const u64 = (o: number) => Number(isBig ? content.readBigUInt64BE(o) : content.readBigUInt64LE(o));
  const phoff = is64 ? u64(0x20) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  if (
    phnum > MAX_PROGRAM_HEADERS ||
    phentsize < (is64 ? 56 : 32) ||
    phoff + phnum * phentsize > content.length
  ) {
    return 'ELF program headers out of bounds';
  }
  const segments: LoadSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (u32(at) !== PT_LOAD) continue;
    segments.push(
      is64
        ? { offset: u64(at + 8), address: u64(at + 16), size: u64(at + 32) }
        : { offset: u32(at + 4), address: u32(at + 8), size: u32(at + 16) },
    );
  }
  return segments;
}

/** A uvarint length (encoding/binary) then that many bytes; an error message when it does not fit. */
function readVarintString(buf: Buffer, start: number): { value: string; next: number } | string {
  let length = 0;
  let shift = 0;
  let at = start;
  for (;;) {
    const byte = buf[at];
    if (byte === undefined) return 'length runs past the end of the file';
    at++;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
    shift += 7;
    if (shift > 28) return 'length is not a valid varint';
  }
  if (length > MAX_STRING) return `length ${length} is implausible`;
  if (at + length > buf.length) return `${length} bytes run past the end of the file`;
  return { value: buf.toString('utf8', at, at + length), next: at + length };
}

/** cmd/go frames module information with 16 bytes each side so the linker can find it (modinfo.go). */
function stripSentinels(info: string): string {
  return info.length >= 33 && info[info.length - 17] === '\n' ? info.slice(16, -16) : info;
}

interface Module {
  path: string;
  version: string;
}

/**
 * Packages: the main module (unless built from a checkout, `(devel)`), each dependency as linked (after its
 * replacement; a replacement by a local directory has no version and is left out), and the standard library as
 * `stdlib`, the name Go's vulnerability database uses. Versions keep Go's `v` prefix.
 */
export function toGoPackages(info: { goVersion: string; modules: string }, location: string): Package[] {
  let main: Module | undefined;
  const deps: (Module | undefined)[] = [];
  let last: 'mod' | 'dep' | undefined;
  for (const line of info.modules.split('\n')) {
    const [kind, path, version] = line.split('\t');
    if (path === undefined) continue;
    const module = { path, version: version ?? '' };
    if (kind === 'mod') {
      main = module;
      last = 'mod';
    } else if (kind === 'dep') {
      deps.push(module);
      last = 'dep';
    } else if (kind === '=>' && last === 'dep') {
      deps[deps.length - 1] = module;
    } else if (kind === '=>' && last === 'mod') {
      main = module;
    }
  }
  const modules = [main, ...deps].filter(
    (m): m is Module => m !== undefined && m.version !== '' && m.version !== '(devel)',
  );
  const stdlib = goToolchainVersion(info.goVersion);
  if (stdlib !== undefined) modules.push({ path: 'stdlib', version: stdlib });
  return modules.map((m) => toPackage(m, location));
}

/** `go1.21.3` → `v1.21.3`, `go1.20` → `v1.20.0`, `go1.22rc2` → `v1.22.0-rc.2`; extra words (`X:boringcrypto`) dropped. */
export function goToolchainVersion(raw: string): string | undefined {
  const match = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(rc|beta)(\d+))?(?:\s|$)/.exec(raw);
  if (match === null) return undefined;
  const [, major, minor, patch, pre, preNumber] = match;
  return `v${major}.${minor}.${patch ?? '0'}${pre === undefined ? '' : `-${pre}.${preNumber}`}`;
}

function toPackage(module: Module, location: string): Package {
  const slash = module.path.lastIndexOf('/');
  return {
    ecosystem: 'go',
    name: module.path,
    version: module.version,
    location,
    purl: formatPurl({
      type: 'golang',
      ...(slash === -1 ? {} : { namespace: module.path.slice(0, slash) }),
      name: module.path.slice(slash + 1),
      version: module.version,
    }),
  };
}

// One RPM header as the rpmdb stores it (a "header blob": rpm's lib/header.c headerImport, without the 8-byte
// magic a package file puts in front):
//
//   blob  = il:be32 dl:be32 { entry }×il data[dl]
//   entry = tag:be32 type:be32 offset:be32 count:be32     (offset into data)
//
// Types read here: INT32 (4, big-endian, 4-aligned), STRING (6), STRING_ARRAY (8) and I18NSTRING (9), strings
// NUL-terminated. Every offset is checked against the blob before it is read: the blob comes from an image.
import type { Package } from '../../../core/package/package.js';
import { formatPurl } from '../../../core/package/purl.js';

export const RPM_TAG = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  arch: 1022,
  sourceRpm: 1044,
} as const;

const TYPE_INT32 = 4;
const TYPE_STRING = 6;
const TYPE_STRING_ARRAY = 8;
const TYPE_I18NSTRING = 9;

/** rpm's own bounds (lib/header_internal.h HEADER_TAGS_MAX, HEADER_DATA_MAX). */
const MAX_ENTRIES = 0xffff;
const MAX_DATA = 0x0fffffff;

export interface RpmHeader {
  readonly name: string;
  readonly version: string;
  readonly release: string;
  readonly epoch?: number;
  readonly arch?: string;
  /** e.g. `bash-5.1.8-6.el9.src.rpm`. */
  readonly sourceRpm?: string;
}

export type RpmHeaderResult = { readonly header: RpmHeader } | { readonly error: string };

export function parseRpmHeader(blob: Uint8Array): RpmHeaderResult {
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
  if (bytes.length < 8)
    return { error: `header blob of ${bytes.length} bytes is shorter than its 8-byte preamble` };
  const il = bytes.readUInt32BE(0);
  const dl = bytes.readUInt32BE(4);
  if (il === 0 || il > MAX_ENTRIES || dl > MAX_DATA)
    return { error: `implausible header sizes (${il} entries, ${dl} data bytes)` };
  const dataStart = 8 + il * 16;
  if (dataStart + dl > bytes.length) {
    return { error: `header declares ${dataStart + dl} bytes but the blob has ${bytes.length} (truncated)` };
  }
  const data = bytes.subarray(dataStart, dataStart + dl);
  const values = new Map<number, string | number>();
  const wanted = new Set<number>(Object.values(RPM_TAG));
  for (let i = 0; i < il; i++) {
    const at = 8 + i * 16;
    const tag = bytes.readUInt32BE(at);
    if (!wanted.has(tag)) continue;
    const type = bytes.readUInt32BE(at + 4);
    const offset = bytes.readUInt32BE(at + 8);
    const count = bytes.readUInt32BE(at + 12);
    const value = readValue(data, type, offset, count);
    if (typeof value === 'object') return { error: `tag ${tag}: ${value.error}` };
    values.set(tag, value);
  }
  const text = (tag: number) => {
    const value = values.get(tag);
    return typeof value === 'string' ? value : undefined;
  };
  const name = text(RPM_TAG.name);
  const version = text(RPM_TAG.version);
  const release = text(RPM_TAG.release);
  if (!name || !version || release === undefined) return { error: 'header without NAME, VERSION or RELEASE' };
  const epoch = values.get(RPM_TAG.epoch);
  const arch = text(RPM_TAG.arch);
  const sourceRpm = text(RPM_TAG.sourceRpm);
  return {
    header: {
      name,
      version,
      release,
      ...(typeof epoch === 'number' ? { epoch } : {}),
      ...(arch ? { arch } : {}),
      ...(sourceRpm ? { sourceRpm } : {}),
    },
  };
}

function readValue(
  data: Buffer,
  type: number,
  offset: number,
  count: number,
): string | number | { error: string } {
  if (offset >= data.length)
    return { error: `offset ${offset} is past the data store (${data.length} bytes)` };
  if (type === TYPE_INT32) {
    if (count < 1 || offset % 4 !== 0 || offset + 4 > data.length) return { error: 'bad INT32 entry' };
    return data.readUInt32BE(offset);
  }
  if (type === TYPE_STRING || type === TYPE_STRING_ARRAY || type === TYPE_I18NSTRING) {
    const end = data.indexOf(0, offset);
    if (end === -1) return { error: 'string runs past the data store' };
    return data.toString('utf8', offset, end);
  }
  return { error: `unexpected type ${type}` };
}

/** `name-version-release.src.rpm` → name: version and release never contain `-` (rpmbuild refuses them). */
export function sourceNameOf(sourceRpm: string): string | undefined {
  const match = /^(.+)-[^-]+-[^-]+\.(?:no)?src\.rpm$/.exec(sourceRpm);
  return match?.[1];
}

/**
 * The package: `version` is rpm's EVR (`[epoch:]version-release`) as the rpm version scheme orders it; the purl
 * carries the epoch as a qualifier (purl-spec, rpm type). The namespace (the vendor: fedora, rhel, …) is the
 * image's os-release ID, set when the image is aggregated.
 */
export function toRpmPackage(header: RpmHeader): Package {
  const evr = `${header.epoch === undefined ? '' : `${header.epoch}:`}${header.version}-${header.release}`;
  const sourceName = header.sourceRpm === undefined ? undefined : sourceNameOf(header.sourceRpm);
  const sourceVersion =
    sourceName === undefined || header.sourceRpm === undefined
      ? undefined
      : header.sourceRpm.slice(sourceName.length + 1).replace(/\.(?:no)?src\.rpm$/, '');
  return {
    ecosystem: 'rpm',
    name: header.name,
    version: evr,
    ...(sourceName === undefined ? {} : { sourceName }),
    ...(sourceVersion === undefined
      ? {}
      : { sourceVersion: `${header.epoch === undefined ? '' : `${header.epoch}:`}${sourceVersion}` }),
    ...(header.arch === undefined ? {} : { arch: header.arch }),
    purl: formatPurl({
      type: 'rpm',
      name: header.name,
      version: `${header.version}-${header.release}`,
      qualifiers: {
        arch: header.arch,
        epoch: header.epoch === undefined ? undefined : String(header.epoch),
        upstream: header.sourceRpm,
      },
    }),
  };
}

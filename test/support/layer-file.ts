// Builders of the walker's hand-off (LayerFile events) for analyzer and aggregation tests: what a layer walker
// would yield for a file, cut at the analyzer's bound as the walker cuts it.
import type { LayerFile, LayerFileRemoval, LayerRef } from '../../src/core/image/layer-file.js';
import type { Analyzer, Found } from '../../src/image/analyzer/analyzer.js';

export function layerRef(index: number): LayerRef {
  return { index, diffId: `sha256:${String(index).repeat(64).slice(0, 64)}` };
}

export interface LayerFileOptions {
  readonly layer?: number;
  readonly mode?: number;
  /** Cut the content here, as a walker does at the analyzer's `maxBytes`. */
  readonly maxBytes?: number;
  /** The file's real size when `content` is only its start. */
  readonly size?: number;
}

export function layerFile(path: string, content: Buffer | string, options: LayerFileOptions = {}): LayerFile {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const max = options.maxBytes ?? bytes.length;
  const size = options.size ?? bytes.length;
  return {
    kind: 'file',
    path,
    size,
    mode: options.mode ?? 0o644,
    layer: layerRef(options.layer ?? 0),
    content: bytes.subarray(0, max),
    truncated: size > max,
  };
}

export function removal(path: string, layer: number): LayerFileRemoval {
  return { kind: 'removed', path, layer: layerRef(layer) };
}

/** Offers the file as a walker would: only if the analyzer wants it, cut at its `maxBytes`. */
export async function offer(
  analyzer: Analyzer,
  path: string,
  content: Buffer | string,
  options: LayerFileOptions = {},
): Promise<Found[] | 'not wanted'> {
  const file = layerFile(path, content, { maxBytes: analyzer.maxBytes, ...options });
  if (!analyzer.wants({ path: file.path, size: file.size, mode: file.mode })) return 'not wanted';
  return analyzer.analyze(file);
}

export function packagesOf(found: Found[] | 'not wanted') {
  if (found === 'not wanted') throw new Error('the analyzer did not want the file');
  return found.flatMap((f) => (f.kind === 'package' ? [f.package] : []));
}

export function diagnosticCodesOf(found: Found[] | 'not wanted'): string[] {
  if (found === 'not wanted') throw new Error('the analyzer did not want the file');
  return found.flatMap((f) => (f.kind === 'diagnostic' ? [f.diagnostic.code] : []));
}

export function diagnosticMessagesOf(found: Found[] | 'not wanted'): string[] {
  if (found === 'not wanted') throw new Error('the analyzer did not want the file');
  return found.flatMap((f) => (f.kind === 'diagnostic' ? [f.diagnostic.message] : []));
}

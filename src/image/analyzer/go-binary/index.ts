// Go binaries: the modules and Go version linked into every executable, from the build information the linker
// embeds. Wanted are executable regular files large enough to be a Go program (the smallest are over 1 MiB).
import type { Analyzer } from '../analyzer.js';
import { diagnosticFound } from '../found.js';
import { findGoBuildInfo, toGoPackages } from './parse.js';

const MIN_BYTES = 512 * 1024;
/**
 * The build information sits at the start of the data segment, after all code: near the end of the file. The
 * whole binary must be read; past this size one is rare, and a diagnostic says it was not searched to the end.
 */
const MAX_BYTES = 128 * 1024 * 1024;
const ELF = Buffer.from('\x7fELF', 'latin1');

export const goBinary: Analyzer = {
  id: 'go-binary',
  maxBytes: MAX_BYTES,
  wants: ({ size, mode }) => (mode & 0o111) !== 0 && size >= MIN_BYTES,
  analyze: async (file) => {
    const result = findGoBuildInfo(file.content);
    switch (result.kind) {
      case 'build-info':
        return toGoPackages(result, file.path).map((pkg) => ({ kind: 'package', package: pkg }) as const);
      case 'old-format':
        return [
          diagnosticFound(
            'go-binary-old-build-info',
            file.path,
            `built by Go before 1.18, and its build information could not be located (${result.reason}): its modules are not listed`,
          ),
        ];
      case 'malformed':
        return [
          diagnosticFound(
            'go-binary-bad-build-info',
            file.path,
            `unreadable build information (${result.reason})`,
          ),
        ];
      case 'not-go':
        // Most executables are not Go; only a cut-off ELF file leaves the question open.
        return file.truncated && file.content.subarray(0, 4).equals(ELF)
          ? [
              diagnosticFound(
                'go-binary-not-searched',
                file.path,
                `larger than ${MAX_BYTES} bytes; not searched for Go build information past that`,
              ),
            ]
          : [];
    }
  },
};

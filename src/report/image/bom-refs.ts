// Stable, unique references to an image's packages, shared by the SBOM formats: the purl, made unique when the same
// package sits in several places (two layers, two node_modules folders) by its place in the scan.
import type { ScannedPackage } from '../../core/image/image-scan.js';

export function packageRefs(packages: readonly ScannedPackage[]): string[] {
  const seen = new Map<string, number>();
  return packages.map((p) => {
    const count = (seen.get(p.purl) ?? 0) + 1;
    seen.set(p.purl, count);
    return count === 1 ? p.purl : `${p.purl}#${count}`;
  });
}

/** The ref of the package a vulnerability was found in: same name, version and layer. */
export function refOfVulnerablePackage(
  packages: readonly ScannedPackage[],
  refs: readonly string[],
  vulnerability: { package: string; installedVersion: string; layer: string },
): string | undefined {
  const index = packages.findIndex(
    (p) =>
      p.name === vulnerability.package &&
      p.version === vulnerability.installedVersion &&
      p.layer === vulnerability.layer,
  );
  return index < 0 ? undefined : refs[index];
}

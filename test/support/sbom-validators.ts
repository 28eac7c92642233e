// Validators for the image scan's SARIF, CycloneDX and SPDX output:
// - SARIF against the official SARIF 2.1.0 (rtm.5) JSON schema, as Microsoft's @microsoft/jest-sarif ships it
//   (draft-04, so ajv's draft-04 build);
// - CycloneDX with the CycloneDX library's own strict JSON validator for 1.6;
// - SPDX 2.3 against the required fields and value shapes of the SPDX 2.3 specification (clauses 6, 7 and 11),
//   written here from the specification: the official SPDX JSON schema is not published in any npm or Debian
//   package this machine can install.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { Ajv, type ValidateFunction } from 'ajv';
import AjvDraft04Module from 'ajv-draft-04';
import addFormats from 'ajv-formats';

const require = createRequire(import.meta.url);

let sarif: ValidateFunction | undefined;
let spdx: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (sarif) return sarif;
  const path = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const ajv = new AjvDraft04Module.default({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats.default(ajv as unknown as Ajv);
  const compiled = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
  sarif = compiled;
  return compiled;
}

/** null when valid; otherwise the validator's errors. */
export async function validateCycloneDx16(text: string): Promise<unknown> {
  return new Validation.JsonStrictValidator(Spec.Version.v1dot6).validate(text);
}

const SPDX_ID = { type: 'string', pattern: '^SPDXRef-[A-Za-z0-9.-]+$' };
const NOASSERTION_OR_TEXT = { type: 'string', minLength: 1 };

const SPDX_23 = {
  type: 'object',
  required: ['spdxVersion', 'dataLicense', 'SPDXID', 'name', 'documentNamespace', 'creationInfo'],
  properties: {
    spdxVersion: { const: 'SPDX-2.3' },
    dataLicense: { const: 'CC0-1.0' },
    SPDXID: { const: 'SPDXRef-DOCUMENT' },
    name: { type: 'string', minLength: 1 },
    documentNamespace: { type: 'string', format: 'uri', not: { pattern: '#' } },
    documentDescribes: { type: 'array', items: SPDX_ID },
    creationInfo: {
      type: 'object',
      required: ['created', 'creators'],
      properties: {
        created: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$' },
        creators: {
          type: 'array',
          minItems: 1,
          items: { type: 'string', pattern: '^(Person|Organization|Tool): .+' },
        },
      },
    },
    packages: {
      type: 'array',
      items: {
        type: 'object',
        required: ['SPDXID', 'name', 'downloadLocation'],
        properties: {
          SPDXID: SPDX_ID,
          name: { type: 'string', minLength: 1 },
          versionInfo: { type: 'string' },
          downloadLocation: NOASSERTION_OR_TEXT,
          filesAnalyzed: { type: 'boolean' },
          primaryPackagePurpose: {
            enum: [
              'APPLICATION',
              'FRAMEWORK',
              'LIBRARY',
              'CONTAINER',
              'OPERATING-SYSTEM',
              'DEVICE',
              'FIRMWARE',
              'SOURCE',
              'ARCHIVE',
              'FILE',
              'INSTALL',
              'OTHER',
            ],
          },
          checksums: {
            type: 'array',
            items: {
              type: 'object',
              required: ['algorithm', 'checksumValue'],
              properties: {
                algorithm: { const: 'SHA256' },
                checksumValue: { type: 'string', pattern: '^[0-9a-f]{64}$' },
              },
            },
          },
          externalRefs: {
            type: 'array',
            items: {
              type: 'object',
              required: ['referenceCategory', 'referenceType', 'referenceLocator'],
              properties: {
                referenceCategory: { enum: ['SECURITY', 'PACKAGE-MANAGER', 'PERSISTENT-ID', 'OTHER'] },
                referenceType: { type: 'string', minLength: 1 },
                referenceLocator: { type: 'string', pattern: '^\\S+$' },
              },
            },
          },
        },
      },
    },
    relationships: {
      type: 'array',
      items: {
        type: 'object',
        required: ['spdxElementId', 'relationshipType', 'relatedSpdxElement'],
        properties: {
          spdxElementId: SPDX_ID,
          relationshipType: { enum: ['DESCRIBES', 'CONTAINS', 'DEPENDS_ON', 'DESCRIBED_BY', 'CONTAINED_BY'] },
          relatedSpdxElement: SPDX_ID,
        },
      },
    },
  },
};

export function spdx23Validator(): ValidateFunction {
  if (spdx) return spdx;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const compiled = ajv.compile(SPDX_23);
  spdx = compiled;
  return compiled;
}

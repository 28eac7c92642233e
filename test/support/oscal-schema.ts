// NIST's OSCAL 1.0.6 assessment-results JSON schema (shared/compliance/oscal), compiled once with ajv as NIST's
// README advises: draft-07, Unicode regular expressions (the token pattern uses \p{L}), formats checked.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const SCHEMA = resolve(
  import.meta.dirname,
  '../../../shared/compliance/oscal/oscal_assessment-results_schema-1.0.6.json',
);

let compiled: ValidateFunction | undefined;

export function oscalAssessmentResultsValidator(): ValidateFunction {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: true });
  addFormats.default(ajv);
  compiled = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);
  return compiled;
}

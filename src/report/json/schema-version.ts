// The version of the `--format json` document; its own module so writing a report never loads the zod schema.
export const SCAN_REPORT_SCHEMA_VERSION = '1.0.0';

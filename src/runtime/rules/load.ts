// The phases chained for callers, plus the one edge that reads rule files from disk.

import { open } from 'node:fs/promises';
import type { Diagnostic } from '../../core/diagnostic.js';
import { CoastguardError } from '../../core/errors.js';
import { collect } from './collect.js';
import { type CompiledRule, compile } from './compile.js';
import type { Definition } from './definitions.js';
import { defaultFields, type FieldRegistry } from './fields/index.js';
import { MAX_RULE_FILE_BYTES, read } from './read.js';

export interface RuleSourceFile {
  /** Shown in diagnostics. */
  readonly file: string;
  readonly text: string;
}

export interface LoadedRules {
  /** Every rule that compiled, enabled or not. */
  readonly rules: readonly CompiledRule[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads, collects and compiles rule files in order (later files append to and override earlier ones). */
export function compileRuleFiles(
  files: readonly RuleSourceFile[],
  fields: FieldRegistry = defaultFields,
): LoadedRules {
  const diagnostics: Diagnostic[] = [];
  const definitions: Definition[] = [];
  for (const f of files) {
    const r = read(f.text, f.file);
    definitions.push(...r.value);
    diagnostics.push(...r.diagnostics);
  }
  const collected = collect(definitions);
  diagnostics.push(...collected.diagnostics);
  const compiled = compile(collected.value, fields);
  diagnostics.push(...compiled.diagnostics);
  return { rules: compiled.value, diagnostics };
}

/** Reads a rule file with a size bound; an unreadable or oversized file is bad input naming the path. */
export async function readRuleFile(path: string): Promise<RuleSourceFile> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size > MAX_RULE_FILE_BYTES) {
      throw new CoastguardError(
        'BAD_INPUT',
        `rules file ${path} is ${size} bytes; the limit is ${MAX_RULE_FILE_BYTES}`,
      );
    }
    const buffer = Buffer.alloc(Math.min(size, MAX_RULE_FILE_BYTES) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_RULE_FILE_BYTES) {
      throw new CoastguardError(
        'BAD_INPUT',
        `rules file ${path} grew past the ${MAX_RULE_FILE_BYTES}-byte limit while being read`,
      );
    }
    return { file: path, text: buffer.subarray(0, bytesRead).toString('utf8') };
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new CoastguardError(
      'BAD_INPUT',
      `cannot read rules file ${path} (${reason}); check the path and its permissions`,
      {
        cause: err,
      },
    );
  } finally {
    await handle?.close();
  }
}

/** Coastguard's own ruleset, shipped next to this module. */
export const DEFAULT_RULES_URL = new URL('./default-rules.yaml', import.meta.url);

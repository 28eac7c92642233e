// coastguard.yaml: found (--config, ./coastguard.yaml, $COASTGUARD_HOME/coastguard.yaml), read with a size bound,
// parsed and validated; any problem is a BAD_INPUT error naming the file, line and column.

import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { ExportersConfig } from '../audit/export/config.js';
import type { CompliancePlatform } from '../core/compliance/framework.js';
import type { Waiver } from '../core/compliance/waiver.js';
import type { SourceLocation } from '../core/diagnostic.js';
import { CoastguardError } from '../core/errors.js';
import type { ImagePolicy } from '../core/image/image-policy.js';
import { AgentConfig } from '../runtime/config.js';
import type { RunbooksConfig } from '../runtime/respond/config.js';
import { type ConfigLookup, configCandidates } from './config-lookup.js';
import { CoastguardConfigFile } from './schema.js';

/** A configuration file is hand-written: anything this large is a mistake, not a config. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface CoastguardConfig {
  platform?: CompliancePlatform;
  frameworks: string[];
  waivers: Waiver[];
  /** Where the audit trail is delivered (`coastguard audit forward`). */
  exporters?: ExportersConfig;
  /** What the agent does when rules fire (`coastguard agent`, `coastguard respond`). */
  runbooks?: RunbooksConfig;
  /** Fleet drift and baselines of `coastguard agent` (defaults when the file says nothing). */
  agent: AgentConfig;
  /** What images must satisfy (`coastguard image scan`, and the host scan's running images). */
  imagePolicy?: ImagePolicy;
}

export interface LoadedConfig {
  config: CoastguardConfig;
  /** The file read, or undefined when none was found and the defaults apply. */
  file?: string;
  /** SHA-256 of the file's bytes as read: what the audit trail records when the configuration changes. */
  sha256?: string;
  /** Where a value sits in the file (e.g. ['waivers', 0, 'check']), for messages about it. */
  locate(path: readonly (string | number)[]): SourceLocation | undefined;
}

const DEFAULTS: LoadedConfig = {
  config: { frameworks: [], waivers: [], agent: AgentConfig.parse({}) },
  locate: () => undefined,
};

export async function loadConfig(lookup: ConfigLookup): Promise<LoadedConfig> {
  const isRequired = lookup.explicit !== undefined;
  for (const file of configCandidates(lookup)) {
    const text = await readConfig(file, isRequired);
    if (text !== undefined) return parseConfig(text, file);
  }
  return DEFAULTS;
}

async function readConfig(file: string, isRequired: boolean): Promise<string | undefined> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (!isRequired && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CoastguardError('BAD_INPUT', `Cannot read the configuration ${file}: ${describe(err)}`, {
      cause: err,
    });
  }
  try {
    const info = await handle.stat();
    if (!info.isFile())
      throw new CoastguardError('BAD_INPUT', `The configuration ${file} is not a regular file.`);
    if (info.size > MAX_CONFIG_BYTES) {
      throw new CoastguardError(
        'BAD_INPUT',
        `The configuration ${file} is ${info.size} bytes; the limit is ${MAX_CONFIG_BYTES}.`,
      );
    }
    const buffer = Buffer.alloc(Math.min(info.size, MAX_CONFIG_BYTES) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_CONFIG_BYTES) {
      throw new CoastguardError(
        'BAD_INPUT',
        `The configuration ${file} is larger than ${MAX_CONFIG_BYTES} bytes.`,
      );
    }
    return buffer.subarray(0, bytesRead).toString('utf8');
  } catch (err) {
    if (err instanceof CoastguardError) throw err;
    throw new CoastguardError('BAD_INPUT', `Cannot read the configuration ${file}: ${describe(err)}`, {
      cause: err,
    });
  } finally {
    await handle.close();
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Parses and validates one configuration text; `file` names it in errors. */
export function parseConfig(text: string, file: string): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const at = lines.linePos(syntax.pos[0]);
    const reason = syntax.message.split('\n')[0] ?? syntax.message;
    throw new CoastguardError('BAD_INPUT', `${file}:${at.line}:${at.col}: invalid YAML: ${reason}`);
  }

  const locate = (path: readonly (string | number)[]): SourceLocation | undefined => {
    // The deepest node that exists along the path: a missing key is reported where its parent is.
    for (let depth = path.length; depth >= 0; depth -= 1) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) {
        const at = lines.linePos(node.range[0]);
        return { file, line: at.line, column: at.col };
      }
    }
    return undefined;
  };

  /** Where a key (not its value) sits: unknown keys are reported there. */
  const locateKey = (path: readonly (string | number)[], key: string): SourceLocation | undefined => {
    const parent = path.length === 0 ? doc.contents : doc.getIn(path, true);
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    if (!isScalar(pair?.key) || !pair.key.range) return locate(path);
    const at = lines.linePos(pair.key.range[0]);
    return { file, line: at.line, column: at.col };
  };

  const data: unknown = doc.toJS() ?? {};
  const parsed = CoastguardConfigFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).filter((p): p is string | number => typeof p !== 'symbol');
    const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const keyPath = unknownKey === undefined ? path : [...path, unknownKey];
    const where = unknownKey === undefined ? locate(path) : locateKey(path, unknownKey);
    const position = where ? `${file}:${where.line}:${where.column}` : file;
    const field = keyPath.length > 0 ? keyPath.join('.') : '(top level)';
    const reason = unknownKey === undefined ? (issue?.message ?? 'invalid') : 'unknown key';
    throw new CoastguardError('BAD_INPUT', `${position}: ${field}: ${reason}`);
  }

  const value = parsed.data;
  const config: CoastguardConfig = {
    frameworks: value.frameworks,
    agent: value.agent ?? AgentConfig.parse({}),
    waivers: value.waivers.map((w, index) => {
      const waiver: Waiver = {
        id: w.id ?? `waiver-${index + 1}`,
        scope: w.scope,
        justification: w.justification,
        approver: w.approver,
        expires: w.expires,
      };
      if (w.check !== undefined) waiver.check = w.check;
      if (w.control !== undefined) waiver.control = w.control;
      return waiver;
    }),
  };
  if (value.platform !== undefined) config.platform = value.platform;
  if (value.exporters !== undefined) config.exporters = value.exporters;
  if (value.runbooks !== undefined) config.runbooks = value.runbooks;
  if (value.imagePolicy !== undefined) config.imagePolicy = value.imagePolicy;
  return { config, file, sha256: createHash('sha256').update(text).digest('hex'), locate };
}

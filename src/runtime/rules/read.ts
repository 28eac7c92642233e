// Phase 1: a Falco rules file (YAML) becomes definitions with their positions, plus diagnostics.
// Falco rules-file format: falco.org/docs/concepts/rules/basic-elements (lists, macros, rules) and
// overriding.md (append, override).

import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import type { Diagnostic, SourceLocation, WithDiagnostics } from '../../core/diagnostic.js';
import {
  createSourceText,
  type Definition,
  type ExceptionDefinition,
  type Located,
  type OverrideMode,
  type SourceText,
  type YamlTree,
} from './definitions.js';

/** Rule files are user content; anything larger than this is refused rather than parsed. */
export const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

const LIST_KEYS = new Set(['list', 'items', 'append', 'override']);
const MACRO_KEYS = new Set(['macro', 'condition', 'append', 'override']);
const RULE_KEYS = new Set([
  'rule',
  'desc',
  'condition',
  'output',
  'priority',
  'tags',
  'enabled',
  'exceptions',
  'source',
  'append',
  'override',
  'warn_evttypes',
  'skip-if-unknown-filter',
  'capture',
  'capture_duration',
]);
const EXCEPTION_KEYS = new Set(['name', 'fields', 'comps', 'values']);

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lines = new LineCounter();
  private readonly text: string;
  private readonly file: string;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
  }

  read(): Definition[] {
    if (Buffer.byteLength(this.text, 'utf8') > MAX_RULE_FILE_BYTES) {
      this.error('rules-file-too-large', `rules file is larger than ${MAX_RULE_FILE_BYTES} bytes`, 0);
      return [];
    }
    const doc = parseDocument(this.text, { lineCounter: this.lines, prettyErrors: false, uniqueKeys: true });
    for (const e of doc.errors)
      this.error('rules-yaml-syntax', `invalid YAML: ${firstLine(e.message)}`, e.pos[0]);
    if (doc.errors.length > 0) return [];
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return [];
    if (!isSeq(root)) {
      this.error('rules-bad-item', 'a rules file must be a YAML sequence of items', offsetOf(root));
      return [];
    }
    const definitions: Definition[] = [];
    for (const item of root.items) {
      const def = this.readItem(item as Node);
      if (def) definitions.push(def);
    }
    return definitions;
  }

  private readItem(node: Node): Definition | undefined {
    if (!isMap(node)) {
      this.error('rules-bad-item', 'each item must be a mapping (list, macro or rule)', offsetOf(node));
      return undefined;
    }
    const keys = this.keysOf(node);
    if (keys === undefined) return undefined;
    if (keys.has('required_engine_version')) {
      this.warning(
        'rules-engine-version-ignored',
        'required_engine_version is ignored: Coastguard implements the rule language itself',
        offsetOf(node),
      );
      return undefined;
    }
    if (keys.has('required_plugin_versions')) {
      this.warning(
        'rules-plugin-versions-ignored',
        'required_plugin_versions is ignored: Coastguard provides container.* fields natively',
        offsetOf(node),
      );
      return undefined;
    }
    if (keys.has('rule')) return this.readRule(node, keys);
    if (keys.has('macro')) return this.readMacro(node, keys);
    if (keys.has('list')) return this.readList(node, keys);
    this.warning(
      'rules-unknown-item',
      `unknown item with keys ${[...keys.keys()].join(', ')}; expected list, macro or rule`,
      offsetOf(node),
    );
    return undefined;
  }

  private readList(node: YAMLMap, keys: Map<string, Node | null>): Definition | undefined {
    const base = this.readBase(node, keys, 'list', LIST_KEYS);
    if (!base) return undefined;
    const itemsNode = keys.get('items');
    let items: Located<string>[] | undefined;
    if (itemsNode !== undefined) {
      if (itemsNode === null) items = [];
      else if (!isSeq(itemsNode)) {
        return this.error(
          'rules-bad-value',
          `list '${base.name}': items must be a sequence`,
          offsetOf(itemsNode),
        );
      } else {
        items = [];
        for (const item of itemsNode.items) {
          const value = this.scalarString(item as Node);
          if (value === undefined) {
            return this.error(
              'rules-bad-value',
              `list '${base.name}': items must be strings or numbers`,
              offsetOf(item as Node),
            );
          }
          items.push({ value, source: this.locate(offsetOf(item as Node)) });
        }
      }
    }
    return { kind: 'list', ...base, ...(items ? { items } : {}) };
  }

  private readMacro(node: YAMLMap, keys: Map<string, Node | null>): Definition | undefined {
    const base = this.readBase(node, keys, 'macro', MACRO_KEYS);
    if (!base) return undefined;
    const conditionNode = keys.get('condition');
    let condition: SourceText | undefined;
    if (conditionNode !== undefined) {
      condition = this.sourceText(conditionNode);
      if (!condition) {
        return this.error(
          'rules-bad-value',
          `macro '${base.name}': condition must be a string`,
          offsetOf(node),
        );
      }
    }
    return { kind: 'macro', ...base, ...(condition ? { condition } : {}) };
  }

  private readRule(node: YAMLMap, keys: Map<string, Node | null>): Definition | undefined {
    const base = this.readBase(node, keys, 'rule', RULE_KEYS);
    if (!base) return undefined;
    const what = `rule '${base.name}'`;
    const fields: Record<string, unknown> = {};
    const conditionNode = keys.get('condition');
    if (conditionNode !== undefined) {
      const condition = this.sourceText(conditionNode);
      if (!condition)
        return this.error('rules-bad-value', `${what}: condition must be a string`, offsetOf(node));
      fields.condition = condition;
    }
    for (const key of ['output', 'priority'] as const) {
      const value = keys.get(key);
      if (value === undefined) continue;
      const text = this.scalarString(value);
      if (text === undefined)
        return this.error('rules-bad-value', `${what}: ${key} must be a string`, offsetOf(value));
      fields[key] = { value: text.trim(), source: this.locate(offsetOf(value)) };
    }
    for (const [key, prop] of [
      ['desc', 'desc'],
      ['source', 'eventSource'],
    ] as const) {
      const value = keys.get(key);
      if (value === undefined) continue;
      const text = this.scalarString(value);
      if (text === undefined)
        return this.error('rules-bad-value', `${what}: ${key} must be a string`, offsetOf(value));
      fields[prop] = text.trim();
    }
    for (const [key, prop] of [
      ['enabled', 'enabled'],
      ['skip-if-unknown-filter', 'skipIfUnknownFilter'],
    ] as const) {
      const value = keys.get(key);
      if (value === undefined) continue;
      if (!isScalar(value) || typeof value.value !== 'boolean') {
        return this.error('rules-bad-value', `${what}: ${key} must be true or false`, offsetOf(value));
      }
      fields[prop] = value.value;
    }
    const tagsNode = keys.get('tags');
    if (tagsNode !== undefined) {
      const tags = this.stringSeq(tagsNode);
      if (!tags)
        return this.error('rules-bad-value', `${what}: tags must be a sequence of strings`, offsetOf(node));
      fields.tags = tags;
    }
    const exceptionsNode = keys.get('exceptions');
    if (exceptionsNode !== undefined) {
      const exceptions = this.readExceptions(exceptionsNode, what);
      if (!exceptions) return undefined;
      fields.exceptions = exceptions;
    }
    return { kind: 'rule', ...base, ...fields };
  }

  private readExceptions(node: Node | null, what: string): ExceptionDefinition[] | undefined {
    if (node === null) return [];
    if (!isSeq(node)) {
      return this.error('rules-bad-value', `${what}: exceptions must be a sequence`, offsetOf(node));
    }
    const out: ExceptionDefinition[] = [];
    for (const item of node.items as Node[]) {
      if (!isMap(item)) {
        return this.error('rules-bad-value', `${what}: each exception must be a mapping`, offsetOf(item));
      }
      const keys = this.keysOf(item);
      if (!keys) return undefined;
      for (const key of keys.keys()) {
        if (!EXCEPTION_KEYS.has(key)) {
          this.warning('rules-unknown-key', `${what}: unknown exception key '${key}'`, offsetOf(item));
        }
      }
      const nameNode = keys.get('name');
      const name = nameNode === undefined ? undefined : this.scalarString(nameNode);
      if (!name) return this.error('rules-bad-value', `${what}: an exception needs a name`, offsetOf(item));
      const exception: { -readonly [K in keyof ExceptionDefinition]: ExceptionDefinition[K] } = {
        name,
        source: this.locate(offsetOf(item)),
      };
      for (const key of ['fields', 'comps', 'values'] as const) {
        const value = keys.get(key);
        if (value === undefined || value === null) continue;
        const tree = this.tree(value);
        if (!tree) {
          return this.error(
            'rules-bad-value',
            `${what}: exception '${name}' has a bad ${key}`,
            offsetOf(value),
          );
        }
        exception[key] = tree;
      }
      out.push(exception);
    }
    return out;
  }

  private readBase(node: YAMLMap, keys: Map<string, Node | null>, kind: string, allowed: Set<string>) {
    const nameNode = keys.get(kind) ?? null;
    const name = nameNode === null ? undefined : this.scalarString(nameNode);
    if (!name) return this.error('rules-bad-item', `${kind} needs a non-empty name`, offsetOf(node));
    for (const key of keys.keys()) {
      if (!allowed.has(key))
        this.warning('rules-unknown-key', `${kind} '${name}': unknown key '${key}'`, offsetOf(node));
    }
    let append = false;
    const appendNode = keys.get('append');
    if (appendNode !== undefined) {
      if (!isScalar(appendNode) || typeof appendNode.value !== 'boolean') {
        return this.error(
          'rules-bad-value',
          `${kind} '${name}': append must be true or false`,
          offsetOf(appendNode),
        );
      }
      append = appendNode.value;
    }
    const override = new Map<string, Located<OverrideMode>>();
    const overrideNode = keys.get('override');
    if (overrideNode !== undefined) {
      const entries = overrideNode === null ? undefined : this.keysOf(overrideNode);
      if (!entries) {
        return this.error('rules-bad-value', `${kind} '${name}': override must be a mapping`, offsetOf(node));
      }
      for (const [key, value] of entries) {
        const mode = value === null ? undefined : this.scalarString(value);
        if (mode !== 'append' && mode !== 'replace') {
          return this.error(
            'rules-override-invalid',
            `${kind} '${name}': override of '${key}' must be append or replace`,
            offsetOf(value ?? overrideNode),
          );
        }
        override.set(key, { value: mode, source: this.locate(offsetOf(value ?? overrideNode)) });
      }
    }
    return { name, source: this.locate(offsetOf(node)), append, override, keys: new Set(keys.keys()) };
  }

  /** The map's keys in order; undefined (with a diagnostic) when a key is not a plain string or uses an alias. */
  private keysOf(node: Node): Map<string, Node | null> | undefined {
    if (!isMap(node)) return undefined;
    const out = new Map<string, Node | null>();
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || typeof key.value !== 'string') {
        return this.error('rules-bad-item', 'mapping keys must be plain strings', offsetOf(key ?? node));
      }
      const value = pair.value as Node | null;
      if (value !== null && containsAlias(value)) {
        return this.error('rules-bad-value', 'YAML aliases are not supported in rule files', offsetOf(value));
      }
      out.set(key.value, value);
    }
    return out;
  }

  private scalarString(node: Node | null): string | undefined {
    if (!isScalar(node)) return undefined;
    const v = node.value;
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  }

  private stringSeq(node: Node | null): string[] | undefined {
    if (node === null) return [];
    if (!isSeq(node)) return undefined;
    const out: string[] = [];
    for (const item of node.items as Node[]) {
      const s = this.scalarString(item);
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  }

  private tree(node: Node): YamlTree | undefined {
    const source = this.locate(offsetOf(node));
    if (isSeq(node)) {
      const items: YamlTree[] = [];
      for (const item of node.items as Node[]) {
        const t = this.tree(item);
        if (!t) return undefined;
        items.push(t);
      }
      return { kind: 'seq', items, source };
    }
    const value = this.scalarString(node);
    return value === undefined ? undefined : { kind: 'scalar', value, source };
  }

  /** A string scalar with a map from each character of its value back to the file. */
  private sourceText(node: Node | null): SourceText | undefined {
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return undefined;
    const value = node.value;
    const start = node.range[0];
    const raw = this.text.slice(start, node.range[1]);
    let map: Int32Array | undefined;
    return createSourceText(value, (offset) => {
      map ??= alignScalar(value, raw);
      const i = Math.max(0, Math.min(offset, value.length - 1));
      return this.locate(start + (map[i] ?? 0));
    });
  }

  private locate(offset: number): SourceLocation {
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, column: col };
  }

  private error(code: string, message: string, offset: number): undefined {
    this.diagnostics.push({ code, severity: 'error', message, source: this.locate(offset) });
    return undefined;
  }

  private warning(code: string, message: string, offset: number): void {
    this.diagnostics.push({ code, severity: 'warning', message, source: this.locate(offset) });
  }
}

/**
 * Maps each character of a scalar's value to its offset in the raw source. Folding, indentation and quoting only
 * add or change whitespace, quotes and escapes, so matching the value's other characters in order is exact for
 * everything a diagnostic points at (fields, operators, values).
 */
function alignScalar(value: string, raw: string): Int32Array {
  const map = new Int32Array(value.length);
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
      map[i] = j;
      continue;
    }
    const k = raw.indexOf(value[i] as string, j);
    if (k >= 0) {
      map[i] = k;
      j = k + 1;
    } else {
      map[i] = j;
    }
  }
  return map;
}

function containsAlias(node: Node): boolean {
  if (isAlias(node)) return true;
  if (isSeq(node)) return (node.items as Node[]).some((n) => n !== null && containsAlias(n));
  if (isMap(node)) {
    return node.items.some(
      (p) => (p.key !== null && isAlias(p.key)) || (p.value !== null && containsAlias(p.value as Node)),
    );
  }
  return false;
}

function offsetOf(node: Node | null): number {
  return node?.range?.[0] ?? 0;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

/** Reads one rules file. Never throws: problems come back as diagnostics, and a broken item is dropped alone. */
export function read(text: string, fileName: string): WithDiagnostics<Definition[]> {
  const reader = new Reader(text, fileName);
  const value = reader.read();
  return { value, diagnostics: reader.diagnostics };
}

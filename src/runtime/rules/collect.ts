// Phase 2: definitions from one or more files, in load order, become the effective lists, macros and rules.
// Semantics of append, override and enabled follow falco.org/docs/concepts/rules/overriding.md.

import type { Diagnostic, SourceLocation, WithDiagnostics } from '../../core/diagnostic.js';
import { parseRulePriority, type RulePriority } from '../../core/runtime/alert.js';
import {
  type CollectedList,
  type CollectedMacro,
  type CollectedRule,
  concatSourceText,
  type Definition,
  type Definitions,
  type ExceptionDefinition,
  type ListDefinition,
  type MacroDefinition,
  type RuleDefinition,
  type YamlTree,
} from './definitions.js';

const RULE_APPENDABLE = new Set(['condition', 'output', 'desc', 'tags', 'exceptions']);
const RULE_REPLACEABLE = new Set([
  'condition',
  'output',
  'desc',
  'priority',
  'tags',
  'exceptions',
  'enabled',
  'warn_evttypes',
  'skip-if-unknown-filter',
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

class Collector {
  readonly diagnostics: Diagnostic[] = [];
  private readonly lists = new Map<string, Mutable<CollectedList>>();
  private readonly macros = new Map<string, Mutable<CollectedMacro>>();
  private readonly rules = new Map<string, Mutable<CollectedRule>>();
  private index = 0;

  add(def: Definition): void {
    if (def.append && def.override.size > 0) {
      this.error(
        'rules-override-invalid',
        `${def.kind} '${def.name}': use either append or override, not both`,
        def.source,
      );
      return;
    }
    if (def.kind === 'list') this.addList(def);
    else if (def.kind === 'macro') this.addMacro(def);
    else this.addRule(def);
  }

  result(): Definitions {
    return {
      lists: this.lists,
      macros: this.macros,
      rules: [...this.rules.values()].sort((a, b) => a.index - b.index),
    };
  }

  private addList(def: ListDefinition): undefined {
    const existing = this.lists.get(def.name);
    const mode = def.append ? 'append' : def.override.get('items')?.value;
    if (!this.checkOverrideKeys(def, new Set(['items']), new Set(['items']))) return;
    if (mode !== undefined) {
      if (!existing) return this.undefinedTarget(def);
      const items = def.items ?? [];
      existing.items = mode === 'append' ? [...existing.items, ...items] : items;
      return;
    }
    if (!def.items) return this.missing(def, 'items');
    if (existing) existing.items = def.items;
    else
      this.lists.set(def.name, { name: def.name, items: def.items, index: this.index++, source: def.source });
  }

  private addMacro(def: MacroDefinition): undefined {
    const existing = this.macros.get(def.name);
    const mode = def.append ? 'append' : def.override.get('condition')?.value;
    if (!this.checkOverrideKeys(def, new Set(['condition']), new Set(['condition']))) return;
    if (!def.condition) return this.missing(def, 'condition');
    if (mode !== undefined) {
      if (!existing) return this.undefinedTarget(def);
      existing.condition =
        mode === 'append' ? concatSourceText(existing.condition, def.condition) : def.condition;
      return;
    }
    if (existing) existing.condition = def.condition;
    else {
      this.macros.set(def.name, {
        name: def.name,
        condition: def.condition,
        index: this.index++,
        source: def.source,
      });
    }
  }

  private addRule(def: RuleDefinition): undefined {
    const existing = this.rules.get(def.name);
    if (def.append) return this.appendRule(def, existing);
    if (def.override.size > 0) return this.overrideRule(def, existing);
    const onlyEnabled = [...def.keys].every((k) => k === 'rule' || k === 'enabled');
    if (onlyEnabled && def.enabled !== undefined) {
      // Falco's legacy form: a rule item with only `enabled` switches an existing rule on or off.
      if (!existing) return this.undefinedTarget(def);
      existing.enabled = def.enabled;
      return;
    }
    for (const key of ['condition', 'output', 'priority'] as const) {
      if (def[key] === undefined) return this.missing(def, key);
    }
    const priority = this.priority(def);
    if (!priority || !def.condition || !def.output) return;
    const rule: Mutable<CollectedRule> = {
      name: def.name,
      desc: def.desc ?? '',
      condition: def.condition,
      output: def.output,
      priority,
      tags: def.tags ?? [],
      enabled: def.enabled ?? true,
      exceptions: def.exceptions ?? [],
      eventSource: def.eventSource ?? 'syscall',
      skipIfUnknownFilter: def.skipIfUnknownFilter ?? false,
      // A redefinition replaces the rule in place, as Falco does: its position in the evaluation order stays.
      index: existing?.index ?? this.index++,
      source: def.source,
    };
    this.rules.set(def.name, rule);
  }

  private appendRule(def: RuleDefinition, existing: Mutable<CollectedRule> | undefined): undefined {
    if (!existing) return this.undefinedTarget(def);
    for (const key of def.keys) {
      if (!['rule', 'append', 'condition', 'exceptions', 'enabled'].includes(key)) {
        this.warning(
          'rules-append-ignored-key',
          `rule '${def.name}': '${key}' cannot be appended with append: true (use override); ignored`,
          def.source,
        );
      }
    }
    if (def.condition) existing.condition = concatSourceText(existing.condition, def.condition);
    if (def.exceptions) existing.exceptions = this.mergeExceptions(def, existing.exceptions, def.exceptions);
    if (def.enabled !== undefined) existing.enabled = def.enabled;
  }

  private overrideRule(def: RuleDefinition, existing: Mutable<CollectedRule> | undefined): undefined {
    if (!this.checkOverrideKeys(def, RULE_APPENDABLE, RULE_REPLACEABLE)) return;
    if (!existing) return this.undefinedTarget(def);
    for (const [key, { value: mode }] of def.override) {
      const append = mode === 'append';
      switch (key) {
        case 'condition':
          if (def.condition) {
            existing.condition = append ? concatSourceText(existing.condition, def.condition) : def.condition;
          }
          break;
        case 'output':
          if (def.output) {
            existing.output = append
              ? { value: `${existing.output.value} ${def.output.value}`, source: existing.output.source }
              : def.output;
          }
          break;
        case 'desc':
          existing.desc = append ? `${existing.desc} ${def.desc ?? ''}` : (def.desc ?? '');
          break;
        case 'tags':
          existing.tags = append ? [...new Set([...existing.tags, ...(def.tags ?? [])])] : (def.tags ?? []);
          break;
        case 'exceptions':
          existing.exceptions = append
            ? this.mergeExceptions(def, existing.exceptions, def.exceptions ?? [])
            : (def.exceptions ?? []);
          break;
        case 'priority': {
          const priority = this.priority(def);
          if (priority) existing.priority = priority;
          break;
        }
        case 'enabled':
          if (def.enabled !== undefined) existing.enabled = def.enabled;
          break;
        case 'skip-if-unknown-filter':
          if (def.skipIfUnknownFilter !== undefined) existing.skipIfUnknownFilter = def.skipIfUnknownFilter;
          break;
      }
    }
  }

  /** Each overridden key must be present, allowed for its mode, and every other key must be overridden. */
  private checkOverrideKeys(
    def: Definition,
    appendable: ReadonlySet<string>,
    replaceable: ReadonlySet<string>,
  ): boolean {
    let ok = true;
    for (const [key, mode] of def.override) {
      const allowed = mode.value === 'append' ? appendable : replaceable;
      if (!allowed.has(key)) {
        this.error(
          'rules-override-invalid',
          `${def.kind} '${def.name}': '${key}' cannot be overridden with ${mode.value}`,
          mode.source,
        );
        ok = false;
      } else if (!def.keys.has(key)) {
        this.error(
          'rules-override-invalid',
          `${def.kind} '${def.name}': override names '${key}' but the item has no '${key}'`,
          mode.source,
        );
        ok = false;
      }
    }
    if (def.override.size > 0) {
      for (const key of def.keys) {
        if (key !== def.kind && key !== 'override' && !def.override.has(key)) {
          this.error(
            'rules-override-invalid',
            `${def.kind} '${def.name}': '${key}' is present but not listed in override`,
            def.source,
          );
          ok = false;
        }
      }
    }
    return ok;
  }

  /** Appended exceptions with a known name add values; new names add exceptions (falco.org exceptions.md). */
  private mergeExceptions(
    def: RuleDefinition,
    current: readonly ExceptionDefinition[],
    added: readonly ExceptionDefinition[],
  ): ExceptionDefinition[] {
    const out = [...current];
    for (const ex of added) {
      const at = out.findIndex((e) => e.name === ex.name);
      const prev = out[at];
      if (at < 0 || !prev) {
        out.push(ex);
        continue;
      }
      if (ex.fields && prev.fields && treeText(ex.fields) !== treeText(prev.fields)) {
        this.error(
          'rules-exception-invalid',
          `rule '${def.name}': appended exception '${ex.name}' has different fields`,
          ex.source,
        );
        continue;
      }
      const values: YamlTree[] = [...seqItems(prev.values), ...seqItems(ex.values)];
      out[at] = { ...prev, values: { kind: 'seq', items: values, source: prev.values?.source ?? ex.source } };
    }
    return out;
  }

  private priority(def: RuleDefinition): RulePriority | undefined {
    if (!def.priority) return undefined;
    const priority = parseRulePriority(def.priority.value);
    if (!priority) {
      this.error(
        'rules-bad-priority',
        `rule '${def.name}': unknown priority '${def.priority.value}'`,
        def.priority.source,
      );
    }
    return priority;
  }

  private undefinedTarget(def: Definition): undefined {
    this.error(
      'rules-undefined-target',
      `${def.kind} '${def.name}' modifies a ${def.kind} that is not defined earlier`,
      def.source,
    );
  }

  private missing(def: Definition, key: string): undefined {
    this.error('rules-missing-key', `${def.kind} '${def.name}' has no ${key}`, def.source);
  }

  private error(code: string, message: string, source: SourceLocation): void {
    this.diagnostics.push({ code, severity: 'error', message, source });
  }

  private warning(code: string, message: string, source: SourceLocation): void {
    this.diagnostics.push({ code, severity: 'warning', message, source });
  }
}

function seqItems(tree: YamlTree | undefined): readonly YamlTree[] {
  if (!tree) return [];
  return tree.kind === 'seq' ? tree.items : [tree];
}

function treeText(tree: YamlTree): string {
  return tree.kind === 'scalar' ? tree.value : `[${tree.items.map(treeText).join(',')}]`;
}

/** Applies definitions in order (several files: concatenate their definitions in load order). */
export function collect(definitions: readonly Definition[]): WithDiagnostics<Definitions> {
  const collector = new Collector();
  for (const def of definitions) collector.add(def);
  return { value: collector.result(), diagnostics: collector.diagnostics };
}

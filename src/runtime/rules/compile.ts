// Phase 3: collected definitions become runnable rules. Lists and macros are resolved, exceptions added, the
// event types each rule can match computed, every field bound to the registry, and a predicate generated.
// A rule that cannot run here is refused with error diagnostics that say why; the others still compile.

import type { Diagnostic, SourceLocation, WithDiagnostics } from '../../core/diagnostic.js';
import type { RulePriority } from '../../core/runtime/alert.js';
import type { RuntimeEventType } from '../../core/runtime/runtime-event.js';
import { type Expr, formatExpr } from './ast.js';
import { generatePredicate, type Predicate, type TypedExpr } from './codegen.js';
import type { CollectedRule, Definitions } from './definitions.js';
import {
  eventTypesOf,
  eventTypesToBuckets,
  isAllEventTypes,
  specializeToObserved,
  unobservedSyscalls,
} from './event-types.js';
import {
  buildExceptionClauses,
  conditionSize,
  expandLists,
  expandMacros,
  MAX_CONDITION_NODES,
  type ResolvedLists,
  resolveLists,
} from './expand.js';
import { defaultFields, type FieldRegistry, type ResolvedField } from './fields/index.js';
import { compileOutput, type OutputTemplate } from './output.js';
import { parseCondition } from './parser.js';
import { typeCondition } from './typecheck.js';

export interface CompiledRule {
  readonly name: string;
  readonly description: string;
  readonly priority: RulePriority;
  readonly tags: readonly string[];
  readonly enabled: boolean;
  /** The condition after macro, list and exception expansion, in canonical form. */
  readonly condition: string;
  /** The event types the rule can match: its buckets in the ruleset. */
  readonly eventTypes: readonly RuntimeEventType[];
  readonly predicate: Predicate;
  /** The typed condition the predicate was generated from; rulesets specialise it per event type. */
  readonly typedCondition: TypedExpr;
  /** The generated predicate's source, for review and debugging. */
  readonly predicateSource: string;
  readonly output: OutputTemplate;
  /** Fields read by the condition; with the output's fields they fill Alert.fields. */
  readonly conditionFields: readonly ResolvedField[];
  readonly source: SourceLocation;
}

type MacroState = { readonly expr: Expr } | 'broken';

class Compiler {
  readonly diagnostics: Diagnostic[] = [];
  private readonly defs: Definitions;
  private readonly registry: FieldRegistry;
  private readonly lists: ResolvedLists;
  private readonly macros = new Map<string, MacroState>();

  constructor(defs: Definitions, registry: FieldRegistry) {
    this.defs = defs;
    this.registry = registry;
    this.lists = resolveLists(defs.lists, (message, at) => this.error('rules-too-large', message, at));
  }

  run(): CompiledRule[] {
    this.compileMacros();
    const out: CompiledRule[] = [];
    for (const rule of this.defs.rules) {
      const compiled = this.compileRule(rule);
      if (compiled) out.push(compiled);
    }
    return out;
  }

  private compileMacros(): void {
    const ordered = [...this.defs.macros.values()].sort((a, b) => a.index - b.index);
    for (const macro of ordered) {
      const what = `macro '${macro.name}'`;
      const parsed = parseCondition(macro.condition);
      if ('error' in parsed) {
        this.error(parsed.error.code, `${what}: ${parsed.error.message}`, parsed.error.at);
        this.macros.set(macro.name, 'broken');
        continue;
      }
      const expr = expandMacros(
        parsed.expr,
        (name) => {
          const ref = this.defs.macros.get(name);
          return ref && ref.index < macro.index ? this.macroBody(name) : undefined;
        },
        (message, at) => this.error('rules-unknown-macro', `${what}: ${message}`, at),
        (name) => this.lists.has(name),
      );
      if (expr && conditionSize(expr) > MAX_CONDITION_NODES) {
        this.error(
          'rules-too-large',
          `${what}: expands to more than ${MAX_CONDITION_NODES} nodes`,
          macro.source,
        );
        this.macros.set(macro.name, 'broken');
        continue;
      }
      this.macros.set(macro.name, expr ? { expr } : 'broken');
    }
  }

  private macroBody(name: string): Expr | 'broken' | undefined {
    const state = this.macros.get(name);
    return state === undefined || state === 'broken' ? state : state.expr;
  }

  private compileRule(rule: CollectedRule): CompiledRule | undefined {
    const what = `rule '${rule.name}'`;
    if (rule.eventSource !== 'syscall') {
      this.error(
        'rules-unsupported-source',
        `${what}: event source '${rule.eventSource}' is not supported (only syscall)`,
        rule.source,
      );
      return undefined;
    }
    const parsed = parseCondition(rule.condition);
    if ('error' in parsed) {
      this.error(parsed.error.code, `${what}: ${parsed.error.message}`, parsed.error.at);
      return undefined;
    }
    const withMacros = expandMacros(
      parsed.expr,
      (name) => this.macroBody(name),
      (message, at) => this.error('rules-unknown-macro', `${what}: ${message}`, at),
      (name) => this.lists.has(name),
    );
    if (!withMacros) {
      const broken = this.findBrokenMacro(parsed.expr);
      if (broken)
        this.error('rules-broken-macro', `${what}: uses macro '${broken.name}', which has errors`, broken.at);
      return undefined;
    }
    const exceptionClauses = buildExceptionClauses(rule.exceptions, what, this.diagnostics);
    if (!exceptionClauses) return undefined;
    const combined: Expr =
      exceptionClauses.length === 0
        ? withMacros
        : { kind: 'and', children: [withMacros, ...exceptionClauses], at: withMacros.at };
    // Checked on the shared graph, before any pass writes the tree out.
    if (conditionSize(combined) > MAX_CONDITION_NODES) {
      this.error(
        'rules-too-large',
        `${what}: the condition expands to more than ${MAX_CONDITION_NODES} nodes`,
        rule.source,
      );
      return undefined;
    }
    let listErrors = false;
    const expanded = expandLists(combined, this.lists, (message, at) => {
      listErrors = true;
      this.error('rules-unknown-list', `${what}: ${message}`, at);
    });
    if (listErrors) return undefined;

    const types = eventTypesOf(expanded);
    const buckets = eventTypesToBuckets(types);
    if (buckets.length === 0) {
      const names = unobservedSyscalls(types);
      const message =
        names.length > 0
          ? `matches only event types Coastguard does not observe (${names.join(', ')})`
          : 'matches no event type';
      this.error('rules-unobserved-event-type', `${what}: ${message}`, rule.source);
      return undefined;
    }
    if (isAllEventTypes(types)) {
      this.warning(
        'rules-no-event-type',
        `${what}: the condition does not restrict evt.type, so it runs on every event`,
        rule.source,
      );
    } else {
      const unobserved = unobservedSyscalls(types);
      if (unobserved.length > 0) {
        this.warning(
          'rules-partial-event-types',
          `${what}: also names ${unobserved.join(', ')}, which Coastguard does not observe`,
          rule.source,
        );
      }
    }

    const local: Diagnostic[] = [];
    const typed = typeCondition(specializeToObserved(expanded), this.registry, what, local);
    if (!typed) {
      const onlyUnknownFields = local.every((d) => d.code === 'rules-unknown-field');
      for (const d of dedupe(local)) {
        this.diagnostics.push(
          rule.skipIfUnknownFilter && onlyUnknownFields ? { ...d, severity: 'warning' } : d,
        );
      }
      return undefined;
    }

    const output = compileOutput(rule.output.value, this.registry);
    if (output.unknown.length > 0) {
      this.warning(
        'rules-output-unknown-field',
        `${what}: output fields not provided, shown as <NA>: ${output.unknown.join(', ')}`,
        rule.output.source,
      );
    }
    const { predicate, source: predicateSource } = generatePredicate(typed.expr);
    return {
      name: rule.name,
      description: rule.desc,
      priority: rule.priority,
      tags: rule.tags,
      enabled: rule.enabled,
      condition: formatExpr(expanded),
      eventTypes: buckets,
      predicate,
      typedCondition: typed.expr,
      predicateSource,
      output,
      conditionFields: typed.fields,
      source: rule.source,
    };
  }

  private findBrokenMacro(expr: Expr): { name: string; at: SourceLocation } | undefined {
    switch (expr.kind) {
      case 'and':
      case 'or':
        for (const c of expr.children) {
          const found = this.findBrokenMacro(c);
          if (found) return found;
        }
        return undefined;
      case 'not':
        return this.findBrokenMacro(expr.child);
      case 'macro':
        return this.macros.get(expr.name) === 'broken' ? { name: expr.name, at: expr.at } : undefined;
      default:
        return undefined;
    }
  }

  private error(code: string, message: string, source: SourceLocation): void {
    this.diagnostics.push({ code, severity: 'error', message, source });
  }

  private warning(code: string, message: string, source: SourceLocation): void {
    this.diagnostics.push({ code, severity: 'warning', message, source });
  }
}

/** One diagnostic per code and position: a macro used twice in a rule reports its unknown field once. */
function dedupe(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.source?.file}|${d.source?.line}|${d.source?.column}|${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function compile(
  defs: Definitions,
  fields: FieldRegistry = defaultFields,
): WithDiagnostics<CompiledRule[]> {
  const compiler = new Compiler(defs, fields);
  const value = compiler.run();
  return { value, diagnostics: compiler.diagnostics };
}

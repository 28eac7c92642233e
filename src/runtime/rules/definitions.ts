// Rule-file items as read (phase 1) and as collected (phase 2), each keeping where it came from.

import type { SourceLocation } from '../../core/diagnostic.js';
import type { RulePriority } from '../../core/runtime/alert.js';

/** Text (a condition) with a map from its offsets back to the file, so diagnostics can point inside it. */
export interface SourceText {
  readonly text: string;
  locate(offset: number): SourceLocation;
}

export function createSourceText(text: string, locate: (offset: number) => SourceLocation): SourceText {
  return { text, locate };
}

/** `a + separator + b`, as Falco appends conditions (plain text, so precedence is the author's business). */
export function concatSourceText(a: SourceText, b: SourceText, separator = ' '): SourceText {
  const split = a.text.length + separator.length;
  return {
    text: a.text + separator + b.text,
    locate: (offset) =>
      offset < split ? a.locate(Math.min(offset, a.text.length)) : b.locate(offset - split),
  };
}

export interface Located<T> {
  readonly value: T;
  readonly source: SourceLocation;
}

/** A YAML value kept as a tree of strings with positions (exception fields, comps and values). */
export type YamlTree =
  | { readonly kind: 'scalar'; readonly value: string; readonly source: SourceLocation }
  | { readonly kind: 'seq'; readonly items: readonly YamlTree[]; readonly source: SourceLocation };

export type OverrideMode = 'append' | 'replace';

interface ItemBase {
  readonly name: string;
  readonly source: SourceLocation;
  /** Legacy `append: true`. */
  readonly append: boolean;
  /** `override: { key: append | replace }`, with the position of each entry. */
  readonly override: ReadonlyMap<string, Located<OverrideMode>>;
  /** The keys present in the item, for the override checks. */
  readonly keys: ReadonlySet<string>;
}

export interface ListDefinition extends ItemBase {
  readonly kind: 'list';
  readonly items?: readonly Located<string>[];
}

export interface MacroDefinition extends ItemBase {
  readonly kind: 'macro';
  readonly condition?: SourceText;
}

export interface ExceptionDefinition {
  readonly name: string;
  readonly source: SourceLocation;
  readonly fields?: YamlTree;
  readonly comps?: YamlTree;
  readonly values?: YamlTree;
}

export interface RuleDefinition extends ItemBase {
  readonly kind: 'rule';
  readonly condition?: SourceText;
  readonly output?: Located<string>;
  readonly desc?: string;
  readonly priority?: Located<string>;
  readonly tags?: readonly string[];
  readonly enabled?: boolean;
  readonly exceptions?: readonly ExceptionDefinition[];
  /** Falco's `source` key: the event source (`syscall` unless stated). */
  readonly eventSource?: string;
  readonly skipIfUnknownFilter?: boolean;
}

export type Definition = ListDefinition | MacroDefinition | RuleDefinition;

/** Phase 2 output: the effective lists, macros and rules after append, override and enable. */
export interface CollectedList {
  readonly name: string;
  readonly items: readonly Located<string>[];
  /** Definition order; a list may use only lists defined before it. */
  readonly index: number;
  readonly source: SourceLocation;
}

export interface CollectedMacro {
  readonly name: string;
  readonly condition: SourceText;
  /** Definition order; a macro may use only macros defined before it (and any list). */
  readonly index: number;
  readonly source: SourceLocation;
}

export interface CollectedRule {
  readonly name: string;
  readonly desc: string;
  readonly condition: SourceText;
  readonly output: Located<string>;
  readonly priority: RulePriority;
  readonly tags: readonly string[];
  readonly enabled: boolean;
  readonly exceptions: readonly ExceptionDefinition[];
  readonly eventSource: string;
  readonly skipIfUnknownFilter: boolean;
  readonly index: number;
  readonly source: SourceLocation;
}

export interface Definitions {
  readonly lists: ReadonlyMap<string, CollectedList>;
  readonly macros: ReadonlyMap<string, CollectedMacro>;
  /** In definition order. */
  readonly rules: readonly CollectedRule[];
}

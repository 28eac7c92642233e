// Falco-compatible rules engine: read → collect → compile → ruleset, each a pure phase with its own type.

export type { Expr, Operator } from './ast.js';
export { formatExpr } from './ast.js';
export { collect } from './collect.js';
export { type CompiledRule, compile } from './compile.js';
export type { Definition, Definitions, RuleDefinition } from './definitions.js';
export { eventTypesOf } from './event-types.js';
export {
  createFieldRegistry,
  defaultFields,
  FIELD_CLASSES,
  type FieldClass,
  type FieldDefinition,
  type FieldRegistry,
  type ResolvedField,
} from './fields/index.js';
export {
  compileRuleFiles,
  DEFAULT_RULES_URL,
  type LoadedRules,
  type RuleSourceFile,
  readRuleFile,
} from './load.js';
export {
  compileOutput,
  formatFieldValue,
  NOT_AVAILABLE,
  type OutputTemplate,
  renderOutput,
} from './output.js';
export { parseCondition } from './parser.js';
export { MAX_RULE_FILE_BYTES, read } from './read.js';
export { createRuleset, type Ruleset } from './ruleset.js';

// The field registry (the rules engine's one plug-in point, like Falco's filter_check_list): which fields we
// provide, and how a field reference in a condition or output resolves to one of them.

import { createRegistry } from '../../../core/registry.js';
import { containerFields } from './container.js';
import { evtFields } from './evt.js';
import { fdFields } from './fd.js';
import type { FieldArg, FieldDefinition } from './field.js';
import { procFields } from './proc.js';
import { userFields } from './user.js';

export type { FieldArg, FieldDefinition, FieldScalar, FieldType, FieldValue } from './field.js';

export interface FieldClass {
  /** The field-name prefix: `proc` for proc.* (thread.* lives with proc: same process). */
  readonly id: string;
  readonly fields: readonly FieldDefinition[];
}

export interface ResolvedField {
  readonly definition: FieldDefinition;
  readonly arg: FieldArg;
  /** The value is a list (see FieldDefinition.cardinality). */
  readonly isList: boolean;
  /** How the reference is written back: `proc.aname[2]`, `evt.arg.flags`. */
  readonly key: string;
}

export type FieldResolution = { readonly field: ResolvedField } | { readonly error: string };

export interface FieldRegistry {
  readonly fields: readonly FieldDefinition[];
  /** Resolves `name` (and its `[arg]`, if written); an error says why the field cannot be used. */
  resolve(name: string, arg: string | null): FieldResolution;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function createFieldRegistry(classes: readonly FieldClass[]): FieldRegistry {
  const byName = new Map<string, FieldDefinition>();
  for (const cls of classes) {
    for (const def of cls.fields) {
      // Paths are spliced into generated predicates as property names; only plain identifiers may get there.
      if (def.path && !def.path.every((p) => IDENTIFIER.test(p))) {
        throw new Error(`field ${def.name}: path ${def.path.join('.')} is not a chain of identifiers`);
      }
      if (byName.has(def.name)) throw new Error(`field ${def.name} is declared twice`);
      byName.set(def.name, def);
    }
  }
  const dotted = [...byName.values()].filter((d) => d.arg?.dotted);

  function bind(def: FieldDefinition, rawArg: string | null, written: string): FieldResolution {
    const spec = def.arg;
    if (!spec) {
      if (rawArg !== null) return { error: `field '${def.name}' takes no argument` };
      return {
        field: { definition: def, arg: undefined, isList: def.cardinality === 'many', key: def.name },
      };
    }
    if (rawArg === null) {
      if (spec.required) return { error: `field '${def.name}' needs an argument` };
      return {
        field: {
          definition: def,
          arg: undefined,
          isList: def.cardinality !== undefined && def.cardinality !== 'one',
          key: def.name,
        },
      };
    }
    if (spec.kind === 'index') {
      if (!/^\d{1,4}$/.test(rawArg))
        return { error: `field '${def.name}' needs a number as argument, not '${rawArg}'` };
      return {
        field: { definition: def, arg: Number(rawArg), isList: def.cardinality === 'many', key: written },
      };
    }
    if (spec.keys && !spec.keys.includes(rawArg)) {
      return {
        error: `field '${written}' is not provided (known: ${spec.keys.map((k) => `${def.name}.${k}`).join(', ')})`,
      };
    }
    return { field: { definition: def, arg: rawArg, isList: def.cardinality === 'many', key: written } };
  }

  return {
    fields: [...byName.values()],
    resolve(name, arg) {
      const written = arg === null ? name : `${name}[${arg}]`;
      const def = byName.get(name);
      if (def) return bind(def, arg, written);
      for (const d of dotted) {
        if (name.startsWith(`${d.name}.`)) {
          if (arg !== null) return { error: `field '${written}' takes no bracketed argument` };
          return bind(d, name.slice(d.name.length + 1), name);
        }
      }
      const prefix = name.split('.')[0] ?? name;
      const known = classes.some((c) => c.id === prefix || (c.id === 'proc' && prefix === 'thread'));
      return {
        error: known
          ? `field '${written}' is not provided by Coastguard's sensors`
          : `field '${written}' is not provided: Coastguard has no '${prefix}.*' fields`,
      };
    },
  };
}

export const FIELD_CLASSES = createRegistry(
  'field class',
  {
    evt: { id: 'evt', fields: evtFields },
    proc: { id: 'proc', fields: procFields },
    fd: { id: 'fd', fields: fdFields },
    user: { id: 'user', fields: userFields },
    container: { id: 'container', fields: containerFields },
  },
  (c: FieldClass) => c.id,
);

/** Every field Coastguard's runtime events provide. */
export const defaultFields: FieldRegistry = createFieldRegistry(Object.values(FIELD_CLASSES));

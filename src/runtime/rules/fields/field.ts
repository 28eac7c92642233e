// What a field class declares: each field's name, type and how to read it from a RuntimeEvent.

import type { RuntimeEvent } from '../../../core/runtime/runtime-event.js';

/** `ipaddr` compares addresses (IPv4/IPv6, any spelling); `ipnet` matches an address against CIDR networks. */
export type FieldType = 'string' | 'number' | 'boolean' | 'ipaddr' | 'ipnet';

export type FieldScalar = string | number | boolean;
/** `null`: unknown for this event (the comparison is false, the output shows `<NA>`). */
export type FieldValue = FieldScalar | readonly FieldScalar[] | null;

/** The parsed argument: a number for `[N]` fields, a string for keyed ones (`evt.arg.flags`, `container.label[k]`). */
export type FieldArg = number | string | undefined;

export interface FieldDefinition {
  /** Falco's name: `proc.name`. */
  readonly name: string;
  readonly type: FieldType;
  readonly description: string;
  /**
   * `one`: a single value. `many`: a list that matches when any element matches (none, for `!=`).
   * `many-without-arg`: a list without an argument, one value with it (`proc.aname` vs `proc.aname[2]`).
   */
  readonly cardinality?: 'one' | 'many' | 'many-without-arg';
  /**
   * `index`: `[N]`; `key`: `[name]`, or `.name` when `dotted` (`evt.arg.flags`). `keys` lists the accepted keys;
   * others are refused as fields we do not provide.
   */
  readonly arg?: {
    readonly kind: 'index' | 'key';
    readonly required: boolean;
    readonly dotted?: boolean;
    readonly keys?: readonly string[];
  };
  /** A plain property path on the event; generated predicates read it inline instead of calling `read`. */
  readonly path?: readonly string[];
  read(event: RuntimeEvent, arg: FieldArg): FieldValue;
  /**
   * For list fields: whether any value passes `test`, or null when the event has no values. Lets predicates
   * walk the values where they are instead of building a list per event.
   */
  some?(event: RuntimeEvent, arg: FieldArg, test: (value: FieldScalar) => boolean): boolean | null;
}

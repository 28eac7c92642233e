// How a destination kind plugs in: its coastguard.yaml options (the common ones plus its own, strict) and a
// factory. One file per kind, listed in index.ts.
import { z } from 'zod';
import { CommonDestinationConfig } from './common-config.js';
import type { Destination } from './destination.js';

export interface DestinationContext {
  /** Where credentials named `{ env: NAME }` are looked up. */
  readonly env: NodeJS.ProcessEnv;
  /** This machine's name, for protocols that carry one (syslog HOSTNAME). */
  readonly hostname: string;
}

export interface DestinationKind<Config extends z.ZodObject = z.ZodObject> {
  readonly kind: string;
  /** Strict: `kind` plus the kind's own fields and the common ones; build it with destinationOptions. */
  readonly config: Config;
  create(config: z.infer<Config>, context: DestinationContext): Destination;
}

/** A kind's options schema: its own fields with the common ones, unknown keys refused. */
export function destinationOptions<Kind extends string, Shape extends z.ZodRawShape>(
  kind: Kind,
  shape: Shape,
) {
  return CommonDestinationConfig.extend({ kind: z.literal(kind), ...shape }).strict();
}

// Where Coastguard keeps its database, reports and (later) audit trail and evidence: $COASTGUARD_HOME or ~/.coastguard.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveHome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.COASTGUARD_HOME;
  return fromEnv && fromEnv.trim() !== '' ? resolve(fromEnv) : join(homedir(), '.coastguard');
}

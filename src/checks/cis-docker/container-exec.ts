// CIS Docker 1.6 §5.23 and §5.24: `docker exec --privileged` and `--user root` bypass the container's own
// restrictions. The engine keeps exec sessions only until the container restarts, so a clean list is evidence
// about those sessions only, and the evidence says so.
import type { Container, ExecSession } from '../../core/inventory/container.js';
import { defineCheck } from './define-check.js';
import { countOf, eachContainer, fail, isRootUser, type Judgement, pass } from './judge.js';

function describeExec(exec: ExecSession): string {
  const user = exec.user === '' ? '' : ` user=${exec.user}`;
  const privileged = exec.isPrivileged ? ' privileged' : '';
  return `exec ${exec.id.slice(0, 12)}${privileged}${user}: ${exec.command.join(' ')}`;
}

function judgeExecs(
  container: Container,
  isOffending: (exec: ExecSession) => boolean,
  what: string,
): Judgement {
  const offending = container.execs.filter(isOffending);
  if (offending.length > 0) return fail(offending.map(describeExec).join('; '));
  return pass(
    `no ${what} among ${countOf(container.execs.length, 'exec session')} the engine still holds (older ones: see the audit log)`,
  );
}

export const containerExecPrivileged = defineCheck(
  {
    cisId: '5.23',
    checkId: 'container-exec-privileged',
    title: 'Ensure that docker exec commands are not used with the privileged option',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Do not run docker exec --privileged; restrict who may use docker exec (authorization plugin).',
  },
  eachContainer((container) => judgeExecs(container, (e) => e.isPrivileged, 'privileged exec')),
);

export const containerExecRoot = defineCheck(
  {
    cisId: '5.24',
    checkId: 'container-exec-privileged',
    title: 'Ensure that docker exec commands are not used with the user=root option',
    scope: 'container',
    severity: 'medium',
    automation: 'automated',
    remediation:
      'Do not run docker exec --user root; restrict who may use docker exec (authorization plugin).',
  },
  // Only an explicit --user counts: an exec without one runs as the container's user, which §4.1 judges.
  eachContainer((container) =>
    judgeExecs(container, (e) => e.user !== '' && isRootUser(e.user), 'exec as root'),
  ),
);

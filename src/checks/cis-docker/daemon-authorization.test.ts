import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonAuthorization } from './daemon-authorization.js';

describe('2.12 authorization plugin', () => {
  it.each`
    authorizationPlugins    | status    | evidence
    ${['opa-docker-authz']} | ${'pass'} | ${'Plugins.Authorization=opa-docker-authz'}
    ${[]}                   | ${'fail'} | ${'Plugins.Authorization is empty (no authorization plugin)'}
  `('$authorizationPlugins → $status', ({ authorizationPlugins, status, evidence }) => {
    const result = evaluateOne(daemonAuthorization, makeSnapshot({ daemon: { authorizationPlugins } }));
    expect(result).toMatchObject({ status, evidence });
  });
});

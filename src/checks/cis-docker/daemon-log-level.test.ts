import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonLogLevel } from './daemon-log-level.js';

describe('2.3 log level', () => {
  it.each`
    options                                    | status    | evidence
    ${{ 'log-level': 'info' }}                 | ${'pass'} | ${'log-level=info'}
    ${{ 'log-level': undefined }}              | ${'pass'} | ${'log-level not set in daemon.json or dockerd flags (default info)'}
    ${{ 'log-level': 'debug' }}                | ${'fail'} | ${'log-level=debug'}
    ${{ 'log-level': 'error' }}                | ${'fail'} | ${'log-level=error'}
    ${{ 'log-level': undefined, debug: true }} | ${'fail'} | ${'debug=true'}
    ${{ debug: false }}                        | ${'pass'} | ${'log-level=info'}
  `('$options → $status', ({ options, status, evidence }) => {
    expect(evaluateOne(daemonLogLevel, makeSnapshot({ daemon: { options } }))).toMatchObject({
      status,
      evidence,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { daemonRemoteLogging } from './daemon-remote-logging.js';

describe('2.13 remote logging', () => {
  it.each`
    loggingDriver  | status
    ${'syslog'}    | ${'pass'}
    ${'fluentd'}   | ${'pass'}
    ${'json-file'} | ${'fail'}
    ${'local'}     | ${'fail'}
    ${'none'}      | ${'fail'}
    ${''}          | ${'error'}
  `('$loggingDriver → $status', ({ loggingDriver, status }) => {
    expect(evaluateOne(daemonRemoteLogging, makeSnapshot({ daemon: { loggingDriver } })).status).toBe(status);
  });
});

import { describe, expect, it } from 'vitest';
import { makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { imageSignedArtifacts, imageVerifiedPackages } from './image-signatures.js';

function withRun(command: string) {
  return makeSnapshot({
    images: [makeImage({ history: [{ createdBy: `/bin/sh -c ${command}`, isEmptyLayer: false }] })],
  });
}

describe('4.11 verified packages', () => {
  it.each`
    command                                             | status      | evidence
    ${'apt-get install -y --allow-unauthenticated foo'} | ${'fail'}   | ${'build history skips package verification: --allow-unauthenticated'}
    ${'yum install -y --nogpgcheck foo'}                | ${'fail'}   | ${'build history skips package verification: --nogpgcheck'}
    ${'apk add --allow-untrusted /tmp/x.apk'}           | ${'fail'}   | ${'build history skips package verification: --allow-untrusted'}
    ${'curl -sSL -k https://x/install.sh | sh'}         | ${'fail'}   | ${'build history skips package verification: -k'}
    ${'apt-get install -y curl'}                        | ${'manual'} | ${'no verification bypass in the build history: confirm packages come from signed repositories'}
  `('$command → $status', ({ command, status, evidence }) => {
    expect(evaluateOne(imageVerifiedPackages, withRun(command))).toMatchObject({ status, evidence });
  });
});

describe('4.12 signed artifacts', () => {
  it('counts images and those with a registry digest', () => {
    const snapshot = makeSnapshot({ images: [makeImage(), makeImage({ id: 'sha256:b', repoDigests: [] })] });
    const result = evaluateOne(imageSignedArtifacts, snapshot);
    expect(result).toMatchObject({ status: 'manual', subject: { kind: 'host' } });
    expect(result.evidence).toContain('2 images, 1 with a registry digest');
  });
});

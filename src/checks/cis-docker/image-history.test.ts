import { describe, expect, it } from 'vitest';
import { makeImage, makeSnapshot } from '../../../test/support/snapshot.js';
import type { ImageHistoryEntry } from '../../core/inventory/image.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { imageCopyNotAdd, imageUpdateAlone, parseHistoryInstruction } from './image-history.js';

function withHistory(...createdBy: string[]) {
  const history: ImageHistoryEntry[] = createdBy.map((c) => ({ createdBy: c, isEmptyLayer: false }));
  return makeSnapshot({ images: [makeImage({ history })] });
}

const ROOTFS =
  '/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / ';

describe('parseHistoryInstruction', () => {
  it.each`
    createdBy                                          | keyword  | body
    ${ROOTFS}                                          | ${'ADD'} | ${'file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in /'}
    ${'/bin/sh -c #(nop)  ENV PATH=/usr/bin'}          | ${'ENV'} | ${'PATH=/usr/bin'}
    ${'/bin/sh -c apt-get update'}                     | ${'RUN'} | ${'apt-get update'}
    ${'|2 TOKEN=abc MODE=x /bin/sh -c make'}           | ${'RUN'} | ${'make'}
    ${'RUN /bin/sh -c apk add curl # buildkit'}        | ${'RUN'} | ${'apk add curl'}
    ${'RUN |1 TOKEN=abc /bin/sh -c make # buildkit'}   | ${'RUN'} | ${'make'}
    ${'ADD https://example.com/a.tgz /opt # buildkit'} | ${'ADD'} | ${'https://example.com/a.tgz /opt'}
  `('$createdBy', ({ createdBy, keyword, body }) => {
    expect(parseHistoryInstruction(createdBy)).toEqual({ keyword, body });
  });

  it('returns nothing for an empty or unknown entry', () => {
    expect(parseHistoryInstruction('')).toBeUndefined();
    expect(parseHistoryInstruction('imported from -')).toBeUndefined();
  });
});

describe('4.7 update instructions alone', () => {
  it.each`
    history                                                                | status
    ${['/bin/sh -c apt-get update && apt-get install -y curl']}            | ${'pass'}
    ${['/bin/sh -c apt-get update', '/bin/sh -c apt-get install -y curl']} | ${'fail'}
    ${['RUN /bin/sh -c apk update # buildkit']}                            | ${'fail'}
    ${['RUN /bin/sh -c apk update && apk add curl # buildkit']}            | ${'pass'}
    ${['/bin/sh -c yum makecache']}                                        | ${'fail'}
    ${['/bin/sh -c apt-get -q update && apt-get -y upgrade']}              | ${'pass'}
    ${['/bin/sh -c #(nop)  LABEL note=apt-get update']}                    | ${'pass'}
    ${['']}                                                                | ${'pass'}
  `('$history → $status', ({ history, status }) => {
    expect(evaluateOne(imageUpdateAlone, withHistory(...history)).status).toBe(status);
  });

  it('names only the update command, never the rest of the line', () => {
    const result = evaluateOne(
      imageUpdateAlone,
      withHistory('/bin/sh -c apt-get update; curl -H "X-Token: s3cr3t" x'),
    );
    expect(result).toMatchObject({ status: 'fail' });
    expect(result.evidence).toBe('history: RUN apt-get update without an install in the same instruction');
  });

  it('is an error when the image has no history', () => {
    expect(evaluateOne(imageUpdateAlone, withHistory()).status).toBe('error');
  });
});

describe('4.9 COPY instead of ADD', () => {
  it.each`
    history                                                                            | status    | evidence
    ${[ROOTFS, 'COPY app /app # buildkit']}                                            | ${'pass'} | ${'no ADD instruction in 2 history entries (base rootfs excepted)'}
    ${[ROOTFS, '/bin/sh -c #(nop) ADD file:abc123 in /app ']}                          | ${'fail'} | ${'history: ADD file:abc123 → /app'}
    ${[ROOTFS, 'ADD --chown=1 https://u:p@example.com/a.tgz?token=x /opt # buildkit']} | ${'fail'} | ${'history: ADD https://example.com/a.tgz → /opt'}
    ${['/bin/sh -c #(nop)  CMD ["sh"]', ROOTFS]}                                       | ${'fail'} | ${'history: ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 → /'}
  `('$history → $status', ({ history, status, evidence }) => {
    expect(evaluateOne(imageCopyNotAdd, withHistory(...history))).toMatchObject({ status, evidence });
  });

  it('is an error when the image has no history', () => {
    expect(evaluateOne(imageCopyNotAdd, withHistory()).status).toBe('error');
  });
});

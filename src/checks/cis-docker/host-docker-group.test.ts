import { describe, expect, it } from 'vitest';
import { makeSnapshot } from '../../../test/support/snapshot.js';
import { evaluateOne } from '../__fixtures__/evaluate.js';
import { hostDockerGroup } from './host-docker-group.js';

describe('1.1.2 docker group members', () => {
  it('lists the members for a person to review', () => {
    const result = evaluateOne(
      hostDockerGroup,
      makeSnapshot({ host: { dockerGroupMembers: ['alice', 'ci'] } }),
    );
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('alice, ci');
  });

  it('says the group is empty', () => {
    const result = evaluateOne(hostDockerGroup, makeSnapshot({ host: { dockerGroupMembers: [] } }));
    expect(result).toMatchObject({ status: 'manual' });
    expect(result.evidence).toContain('no members');
  });

  it('says when the members could not be read, without guessing', () => {
    const result = evaluateOne(hostDockerGroup, makeSnapshot({ host: { dockerGroupMembers: undefined } }));
    expect(result.status).toBe('manual');
    expect(result.evidence).toContain('could not be read');
  });
});

import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../core/audit/audit-entry.js';
import { toDeliveryEvent } from '../event.js';
import { OCSF_VERSION, ocsf } from './ocsf.js';

function entry(action: string, subject: string, data: AuditEntry['data'], seq = 7): AuditEntry {
  return {
    seq,
    time: '2026-11-22T10:00:00.000Z',
    actor: 'agent',
    action,
    subject,
    data,
    prevHash: 'a'.repeat(64),
    hash: 'b'.repeat(64),
  };
}

const alert = entry('runtime.alert', 'container:abc', {
  key: 'k1',
  rule: 'Crypto miner started',
  priority: 'critical',
  output: 'Crypto miner started (process=xmrig)',
  container: { id: 'abc', name: 'web', image: 'shop/web:1.4' },
  tags: ['coastguard', 'mitre_impact'],
  count: 1,
  firstSeen: '2026-11-22T10:00:00.000Z',
  lastSeen: '2026-11-22T10:00:00.000Z',
});

/** What every OCSF event must carry (the base event's required attributes). */
function expectBase(body: Record<string, unknown>, classUid: number, activityId: number) {
  expect(body).toMatchObject({
    class_uid: classUid,
    activity_id: activityId,
    type_uid: classUid * 100 + activityId,
    time: Date.parse('2026-11-22T10:00:00.000Z'),
    metadata: {
      version: OCSF_VERSION,
      uid: 'trail:7',
      product: { name: 'Coastguard', vendor_name: 'Coastguard' },
    },
  });
  expect(typeof body.category_uid).toBe('number');
  expect(typeof body.severity_id).toBe('number');
  expect(body.unmapped).toMatchObject({ hash: 'b'.repeat(64), prevHash: 'a'.repeat(64) });
}

describe('OCSF events', () => {
  it('maps a runtime alert to a Detection Finding with its rule, output, container and severity', () => {
    const { body, severity } = toDeliveryEvent(alert, 'trail', ocsf);
    expect(severity).toBe('critical');
    expectBase(body, 2004, 1);
    expect(body).toMatchObject({
      category_uid: 2,
      class_name: 'Detection Finding',
      severity_id: 5,
      severity: 'Critical',
      message: 'Crypto miner started (process=xmrig)',
      finding_info: { uid: 'k1', title: 'Crypto miner started', types: ['coastguard', 'mitre_impact'] },
      resources: [{ type: 'container', uid: 'abc', name: 'web', labels: ['image:shop/web:1.4'] }],
    });
    const repeated = toDeliveryEvent(
      { ...alert, action: 'runtime.alert.repeated', data: { ...alert.data, count: 12 } },
      'trail',
      ocsf,
    ).body;
    expectBase(repeated, 2004, 2);
    expect(repeated.count).toBe(12);
  });

  it('maps findings opened and fixed to Compliance Findings with the control and its status', () => {
    const data = {
      checkId: 'container-privileged',
      cisId: '5.5',
      title: 'Privileged containers',
      severity: 'high',
      subject: { kind: 'container', id: 'c1', name: 'web' },
    };
    const opened = toDeliveryEvent(entry('finding.opened', 'finding:fp1', data), 'trail', ocsf).body;
    expectBase(opened, 2003, 1);
    expect(opened).toMatchObject({
      severity_id: 4,
      finding_info: { uid: 'fp1', title: 'Privileged containers' },
      compliance: {
        control: '5.5',
        standards: ['CIS Docker Benchmark v1.6.0'],
        status: 'Fail',
        status_id: 3,
      },
      resources: [{ type: 'container', uid: 'c1', name: 'web' }],
    });
    const fixed = toDeliveryEvent(entry('finding.fixed', 'finding:fp1', data), 'trail', ocsf).body;
    expectBase(fixed, 2003, 3);
    expect(fixed).toMatchObject({ compliance: { status: 'Pass', status_id: 1 }, status: 'Resolved' });
  });

  it('keeps every other entry as a Base Event with the entry itself unmapped', () => {
    const body = toDeliveryEvent(
      entry('response.pause', 'container:abc', { runbook: 'freeze', dryRun: false }),
      'trail',
      ocsf,
    ).body;
    expectBase(body, 0, 99);
    expect(body).toMatchObject({
      severity_id: 0,
      message: 'response.pause container:abc',
      unmapped: { action: 'response.pause', actor: 'agent', data: { runbook: 'freeze', dryRun: false } },
    });
  });
});

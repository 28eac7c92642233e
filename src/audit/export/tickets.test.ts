// Chat, Jira and ServiceNow destinations against loopback servers that answer in each service's documented
// request and response shapes (none of these services runs here).
import { afterEach, describe, expect, it } from 'vitest';
import { commonOptions } from '../../../test/support/destination-options.js';
import { type Recorder, startRecorder } from '../../../test/support/http-recorder.js';
import { chatMessage, createChatDestination } from './chat.js';
import { DeliveryError, type DeliveryEvent } from './destination.js';
import { createJiraDestination, eventLabel } from './jira.js';
import { createServiceNowDestination } from './servicenow.js';

const alert: DeliveryEvent = {
  id: 'trail:42',
  seq: 42,
  time: '2026-11-22T10:00:00.000Z',
  action: 'runtime.alert',
  severity: 'critical',
  body: {
    action: 'runtime.alert',
    subject: 'container:abc',
    data: {
      rule: 'Crypto miner started',
      priority: 'critical',
      output: 'Crypto miner started (process=xmrig <script>&)',
      container: { id: 'abc', name: 'web', image: 'shop/web:1.4' },
    },
  },
};

const SECRET = 'S3cr3t-t0ken-value';
let recorder: Recorder | undefined;
afterEach(async () => {
  await recorder?.close();
  recorder = undefined;
});

async function failure(promise: Promise<void>): Promise<DeliveryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DeliveryError)) throw new Error(`expected a DeliveryError, got ${String(err)}`);
  return err;
}

describe('chat', () => {
  const chat = (url: string) =>
    createChatDestination(
      { ...commonOptions('chat'), kind: 'chat', url: { env: 'CHAT_URL' } },
      { CHAT_URL: url },
    );

  it('posts one message per event: a title, the facts, mrkdwn escaped', async () => {
    recorder = await startRecorder(() => ({ status: 200, body: 'ok' }));
    await chat(`${recorder.url}/services/T0/B0/${SECRET}`).deliver(
      [alert, { ...alert, id: 'trail:43', seq: 43 }],
      AbortSignal.timeout(5_000),
    );
    expect(recorder.requests).toHaveLength(2);
    const message = JSON.parse(recorder.requests[0]?.body ?? '{}');
    expect(message).toEqual(chatMessage(alert));
    expect(message.text).toBe('[Coastguard] Crypto miner started — web');
    const output = message.blocks[1].fields.find((f: { text: string }) => f.text.startsWith('*Output*'));
    expect(output.text).toContain('&lt;script&gt;&amp;');
  });

  it('waits out a short 429 once; a second one, or a refusal, fails without naming the webhook path', async () => {
    let calls = 0;
    recorder = await startRecorder(() => {
      calls += 1;
      return calls === 1
        ? { status: 429, headers: { 'retry-after': '0' }, body: 'slow down' }
        : { status: 200, body: 'ok' };
    });
    await chat(`${recorder.url}/hook/${SECRET}`).deliver([alert], AbortSignal.timeout(5_000));
    expect(calls).toBe(2);
    await recorder.close();

    recorder = await startRecorder(() => ({ status: 429, headers: { 'retry-after': '0' } }));
    expect(
      (await failure(chat(`${recorder.url}/hook/${SECRET}`).deliver([alert], AbortSignal.timeout(5_000))))
        .retryable,
    ).toBe(true);
    await recorder.close();

    recorder = await startRecorder(() => ({ status: 404, body: 'no_service' }));
    const gone = await failure(
      chat(`${recorder.url}/hook/${SECRET}`).deliver([alert], AbortSignal.timeout(5_000)),
    );
    expect(gone.retryable).toBe(false);
    expect(gone.message).toMatch(/the chat webhook at 127\.0\.0\.1:\d+ answered 404/);
    expect(gone.message).not.toContain(SECRET);
  });
});

describe('Jira', () => {
  const jira = (url: string, auth: 'basic' | 'bearer' = 'basic') =>
    createJiraDestination(
      {
        ...commonOptions('jira'),
        kind: 'jira',
        url,
        project: 'SEC',
        issueType: 'Bug',
        auth:
          auth === 'basic'
            ? { email: 'bot@example.com', token: { env: 'JIRA_TOKEN' } }
            : { bearer: { env: 'JIRA_TOKEN' } },
        labels: ['containers'],
        priorities: { critical: 'Highest' },
      },
      { JIRA_TOKEN: SECRET },
    );

  /** A Jira that remembers the issues it created, by label. */
  function fakeJira() {
    const issues: { key: string; labels: string[] }[] = [];
    return startRecorder((req) => {
      if (req.method === 'GET' && req.url.pathname === '/rest/api/2/search') {
        const label = /labels = "([^"]+)"/.exec(req.url.searchParams.get('jql') ?? '')?.[1] ?? '';
        const found = issues.filter((i) => i.labels.includes(label));
        return {
          status: 200,
          body: {
            startAt: 0,
            maxResults: 1,
            total: found.length,
            issues: found.map((i) => ({ key: i.key })),
          },
        };
      }
      if (req.method === 'POST' && req.url.pathname === '/rest/api/2/issue') {
        const key = `SEC-${issues.length + 1}`;
        issues.push({ key, labels: JSON.parse(req.body).fields.labels });
        return {
          status: 201,
          body: { id: String(10000 + issues.length), key, self: `http://jira/rest/api/2/issue/${key}` },
        };
      }
      return { status: 404, body: { errorMessages: ['not found'] } };
    });
  }

  it('opens one issue per event with its fields, and never a second one for the same event', async () => {
    recorder = await fakeJira();
    const destination = jira(recorder.url);
    await destination.deliver([alert], AbortSignal.timeout(5_000));
    await destination.deliver([alert], AbortSignal.timeout(5_000));
    const creates = recorder.requests.filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(1);
    const { fields } = JSON.parse(creates[0]?.body ?? '{}');
    expect(fields).toMatchObject({
      project: { key: 'SEC' },
      issuetype: { name: 'Bug' },
      summary: '[Coastguard] Crypto miner started — web',
      labels: ['containers', 'coastguard', eventLabel('trail:42')],
      priority: { name: 'Highest' },
    });
    expect(fields.description).toContain('*Container:* web');
    expect(creates[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`bot@example.com:${SECRET}`).toString('base64')}`,
    );
  });

  it('sends a personal access token as bearer', async () => {
    recorder = await fakeJira();
    await jira(recorder.url, 'bearer').deliver([alert], AbortSignal.timeout(5_000));
    expect(recorder.requests.every((r) => r.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
  });

  it.each([
    [400, { errorMessages: [], errors: { project: 'project is required' } }, false],
    [401, { errorMessages: [`bad token ${SECRET}`] }, false],
    [429, { errorMessages: ['rate limited'] }, true],
    [500, { errorMessages: ['boom'] }, true],
  ])('maps a %i on create to retryable=%s, with credentials redacted', async (status, body, retryable) => {
    recorder = await startRecorder((req) =>
      req.method === 'GET' ? { status: 200, body: { total: 0, issues: [] } } : { status, body },
    );
    const err = await failure(jira(recorder.url).deliver([alert], AbortSignal.timeout(5_000)));
    expect(err.retryable).toBe(retryable);
    expect(err.message).toContain(`answered ${status}`);
    expect(err.message).not.toContain(SECRET);
  });

  it('retries an answer that is not JSON', async () => {
    recorder = await startRecorder(() => ({ status: 200, body: '<html>login</html>' }));
    expect((await failure(jira(recorder.url).deliver([alert], AbortSignal.timeout(5_000)))).retryable).toBe(
      true,
    );
  });
});

describe('ServiceNow', () => {
  const servicenow = (url: string, table: 'incident' | 'change_request' = 'incident') =>
    createServiceNowDestination(
      {
        ...commonOptions('snow'),
        kind: 'servicenow',
        url,
        table,
        user: 'coastguard',
        password: { env: 'SNOW_PASSWORD' },
        assignmentGroup: 'Security Operations',
      },
      { SNOW_PASSWORD: SECRET },
    );

  function fakeServiceNow() {
    const records: { sys_id: string; number: string; correlation_id: string }[] = [];
    return startRecorder((req) => {
      if (req.method === 'GET') {
        const id = (req.url.searchParams.get('sysparm_query') ?? '').replace(/^correlation_id=/, '');
        return { status: 200, body: { result: records.filter((r) => r.correlation_id === id) } };
      }
      const body = JSON.parse(req.body);
      const created = {
        sys_id: `${records.length + 1}`.padStart(32, '0'),
        number: `INC00${records.length + 1}`,
        correlation_id: body.correlation_id,
      };
      records.push(created);
      return { status: 201, body: { result: { ...body, ...created } } };
    });
  }

  it('opens one incident per event, correlated by event id, with urgency and impact from the severity', async () => {
    recorder = await fakeServiceNow();
    const destination = servicenow(recorder.url);
    await destination.deliver(
      [alert, { ...alert, id: 'trail:43', seq: 43, severity: 'medium' }],
      AbortSignal.timeout(5_000),
    );
    await destination.deliver([alert], AbortSignal.timeout(5_000));
    const creates = recorder.requests.filter((r) => r.method === 'POST');
    expect(creates).toHaveLength(2);
    expect(creates[0]?.url.pathname).toBe('/api/now/table/incident');
    expect(JSON.parse(creates[0]?.body ?? '{}')).toMatchObject({
      short_description: '[Coastguard] Crypto miner started — web',
      urgency: '1',
      impact: '1',
      correlation_id: 'trail:42',
      correlation_display: 'Coastguard',
      assignment_group: 'Security Operations',
    });
    expect(JSON.parse(creates[1]?.body ?? '{}')).toMatchObject({ urgency: '2', impact: '2' });
  });

  it('files change requests when told, and maps failures without the password', async () => {
    recorder = await fakeServiceNow();
    await servicenow(recorder.url, 'change_request').deliver([alert], AbortSignal.timeout(5_000));
    expect(recorder.requests.at(-1)?.url.pathname).toBe('/api/now/table/change_request');
    await recorder.close();
    recorder = await startRecorder(() => ({
      status: 401,
      body: { error: { message: 'User Not Authenticated' }, status: 'failure' },
    }));
    const err = await failure(servicenow(recorder.url).deliver([alert], AbortSignal.timeout(5_000)));
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain(SECRET);
    expect(err.message).not.toContain(Buffer.from(`coastguard:${SECRET}`).toString('base64'));
  });
});

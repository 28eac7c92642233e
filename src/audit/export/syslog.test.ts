// Against a real rsyslog started here: plain TCP and TLS (CA-verified, and with a client certificate the receiver
// requires), octet-counted RFC 5424 frames parsed by rsyslog into hostname, app name, msgid and structured data.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from './destination.js';
import { createSyslogDestination, formatSyslogMessage, frameOctetCounted } from './syslog.js';

const RSYSLOGD = '/usr/sbin/rsyslogd';

function event(seq: number, extra: Partial<DeliveryEvent> = {}): DeliveryEvent {
  return {
    id: `trail-1:${seq}`,
    seq,
    time: '2026-05-01T12:00:00.000Z',
    action: 'finding.opened',
    severity: 'high',
    body: { id: `trail-1:${seq}`, seq, subject: `finding:"x]${seq}`, note: 'multi\nline ü' },
    ...extra,
  };
}

describe('RFC 5424 formatting', () => {
  it('puts the priority, header fields, escaped structured data and the JSON body in place', () => {
    const text = formatSyslogMessage(event(7), {
      facility: 13,
      hostname: 'web 1',
      appName: 'coastguard',
      procId: '42',
      sdId: 'coastguard@32473',
    });
    // facility 13 × 8 + severity 3 (error, for high) = 107; the space in the hostname is not PRINTUSASCII.
    expect(text.startsWith('<107>1 2026-05-01T12:00:00.000Z web_1 coastguard 42 finding.opened ')).toBe(true);
    expect(text).toContain(
      '[coastguard@32473 id="trail-1:7" seq="7" action="finding.opened" subject="finding:\\"x\\]7" severity="high"]',
    );
    expect(text).toContain(' \uFEFF{"id":"trail-1:7"');
  });

  it('counts octets, not characters, in the frame', () => {
    const frame = frameOctetCounted('ü\n');
    expect(frame.toString('utf8')).toBe('3 ü\n');
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: 'ignore' });
}

describe.skipIf(!existsSync(RSYSLOGD))('delivery to a real rsyslog', () => {
  let dir: string;
  let rsyslog: ChildProcess;
  const ports = { tcp: 0, tls: 0, mtls: 0 };
  const out = () => join(dir, 'received.log');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cg-rsyslog-'));
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'ca-key.pem',
        '-out',
        'ca.pem',
        '-days',
        '2',
        '-subj',
        '/CN=cg-test-ca',
      ],
      dir,
    );
    await writeFile(join(dir, 'server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
    for (const [name, ext] of [
      ['server', 'server.ext'],
      ['client', undefined],
    ] as const) {
      openssl(
        [
          'req',
          ...ec,
          '-keyout',
          `${name}-key.pem`,
          '-out',
          `${name}.csr`,
          '-subj',
          `/CN=${name === 'server' ? 'localhost' : 'cg-client'}`,
        ],
        dir,
      );
      openssl(
        [
          'x509',
          '-req',
          '-in',
          `${name}.csr`,
          '-CA',
          'ca.pem',
          '-CAkey',
          'ca-key.pem',
          '-CAcreateserial',
          '-out',
          `${name}.pem`,
          '-days',
          '2',
          ...(ext ? ['-extfile', ext] : []),
        ],
        dir,
      );
    }
    // A second CA that signed nothing here: trusting only it must fail the handshake.
    openssl(
      [
        'req',
        '-x509',
        ...ec,
        '-keyout',
        'other-key.pem',
        '-out',
        'other-ca.pem',
        '-days',
        '2',
        '-subj',
        '/CN=other',
      ],
      dir,
    );
    ports.tcp = await freePort();
    ports.tls = await freePort();
    ports.mtls = await freePort();
    const conf = `
global(workDirectory="${dir}" maxMessageSize="256k"
  DefaultNetstreamDriverCAFile="${dir}/ca.pem"
  DefaultNetstreamDriverCertFile="${dir}/server.pem"
  DefaultNetstreamDriverKeyFile="${dir}/server-key.pem")
module(load="imtcp")
template(name="fields" type="string" string="%hostname% %app-name% %msgid% %structured-data% %msg%\\n")
input(type="imtcp" port="${ports.tcp}" address="127.0.0.1")
input(type="imtcp" port="${ports.tls}" address="127.0.0.1" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon")
input(type="imtcp" port="${ports.mtls}" address="127.0.0.1" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/certvalid")
action(type="omfile" file="${out()}" template="fields")
`;
    await writeFile(join(dir, 'rsyslog.conf'), conf);
    rsyslog = spawn(RSYSLOGD, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslog.pid')], {
      stdio: 'ignore',
    });
    await waitFor(
      async () => ((await canConnect(ports.mtls)) && (await canConnect(ports.tcp)) ? true : undefined),
      'rsyslogd to listen',
    );
  }, 60_000);

  afterAll(async () => {
    if (rsyslog?.pid !== undefined) {
      process.kill(rsyslog.pid, 'SIGTERM');
      await new Promise((resolve) => rsyslog.once('exit', resolve));
    }
    await rm(dir, { recursive: true, force: true });
  });

  async function received(ids: string[]): Promise<string[]> {
    return waitFor(
      async () => {
        const text = await readFile(out(), 'utf8').catch(() => '');
        const lines = text.split('\n').filter((l) => ids.some((id) => l.includes(`id="${id}"`)));
        return lines.length >= ids.length ? lines : undefined;
      },
      `rsyslog to write ${ids.join(', ')}`,
    );
  }

  const base = { facility: 13, appName: 'coastguard', sdId: 'coastguard@32473' } as const;

  it('delivers a batch over plain TCP, each message parsed with its id, msgid and JSON body', async () => {
    const destination = createSyslogDestination(
      { ...base, name: 's', host: '127.0.0.1', port: ports.tcp, transport: 'tcp' },
      'host-a',
    );
    const events = [
      event(1),
      event(2, { action: 'assessment.recorded', severity: undefined, id: 'trail-1:2' }),
      event(3),
    ];
    await destination.deliver(events, AbortSignal.timeout(5_000));
    const lines = await received(['trail-1:1', 'trail-1:2', 'trail-1:3']);
    expect(lines).toHaveLength(3);
    const [first] = lines;
    expect(first).toMatch(/^host-a coastguard finding\.opened \[coastguard@32473 id="trail-1:1" seq="1" /);
    // rsyslog escapes the newline inside the message as #012; the JSON body arrives whole.
    expect(first).toContain('"note":"multi\\nline ü"');
    expect(lines[1]).toContain(' assessment.recorded ');
  });

  it('delivers over TLS verified against the CA, and with the client certificate the receiver requires', async () => {
    const tlsOptions = { ...base, host: '127.0.0.1', transport: 'tls', caFile: join(dir, 'ca.pem') } as const;
    await createSyslogDestination({ ...tlsOptions, name: 't', port: ports.tls }, 'host-b').deliver(
      [event(11)],
      AbortSignal.timeout(5_000),
    );
    await createSyslogDestination(
      {
        ...tlsOptions,
        name: 'm',
        port: ports.mtls,
        certFile: join(dir, 'client.pem'),
        keyFile: join(dir, 'client-key.pem'),
      },
      'host-c',
    ).deliver([event(12)], AbortSignal.timeout(5_000));
    const lines = await received(['trail-1:11', 'trail-1:12']);
    expect(lines.find((l) => l.includes('trail-1:11'))).toMatch(/^host-b /);
    expect(lines.find((l) => l.includes('trail-1:12'))).toMatch(/^host-c /);
  });

  it('refuses a receiver whose certificate the configured CA did not sign, without retrying', async () => {
    const destination = createSyslogDestination(
      {
        ...base,
        name: 'x',
        host: '127.0.0.1',
        port: ports.tls,
        transport: 'tls',
        caFile: join(dir, 'other-ca.pem'),
      },
      'host-d',
    );
    await expect(destination.deliver([event(21)], AbortSignal.timeout(5_000))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringMatching(/tls:\/\/127\.0\.0\.1/),
    });
  });

  it('reports a refused connection as retryable, and a missing CA file as a configuration error', async () => {
    const closed = await freePort();
    const refused = createSyslogDestination(
      { ...base, name: 'r', host: '127.0.0.1', port: closed, transport: 'tcp' },
      'h',
    );
    await expect(refused.deliver([event(31)], AbortSignal.timeout(5_000))).rejects.toMatchObject({
      retryable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
    const noCa = createSyslogDestination(
      {
        ...base,
        name: 'n',
        host: '127.0.0.1',
        port: ports.tls,
        transport: 'tls',
        caFile: join(dir, 'missing.pem'),
      },
      'h',
    );
    await expect(noCa.deliver([event(32)], AbortSignal.timeout(5_000))).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('missing.pem'),
    });
  });
});

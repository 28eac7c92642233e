// Syslog as RFC 5424 messages over TCP or TLS (RFC 5425), framed by octet counting (RFC 6587 §3.4.1:
// `LENGTH SP MESSAGE`), which is what rsyslog's imtcp and syslog-ng accept and survives newlines in the JSON.
//
//   <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD-ID id="…" seq="…" action="…" …] BOM{json body}
//
// PRI is facility × 8 + a syslog severity derived from the event's. Syslog over TCP has no acknowledgement: a
// batch counts as delivered when the receiver has read it to the end of the connection (we half-close and wait
// for the receiver to close), which covers a receiver that is down or refusing; one that crashes after reading
// can still lose what it had buffered (RELP would close that gap).
import net from 'node:net';
import tls from 'node:tls';
import { z } from 'zod';
import type { Severity } from '../../core/result/severity.js';
import { DeliveryError, type DeliveryEvent, type Destination } from './destination.js';
import { type DestinationKind, destinationOptions } from './destination-kind.js';
import { connectTls } from './tls-connect.js';

const config = destinationOptions('syslog', {
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65_535),
  transport: z.enum(['tcp', 'tls']).default('tls'),
  /** TLS: PEM bundle of the CAs that signed the receiver's certificate (default: the system's). */
  caFile: z.string().trim().min(1).optional(),
  /** TLS: a client certificate and its key, for receivers that authenticate senders. */
  certFile: z.string().trim().min(1).optional(),
  keyFile: z.string().trim().min(1).optional(),
  /** TLS: the name expected in the receiver's certificate (default: host). */
  serverName: z.string().trim().min(1).optional(),
  /** 13 is "log audit" (RFC 5424 table 1). */
  facility: z.number().int().min(0).max(23).default(13),
  appName: z
    .string()
    .regex(/^[!-~]{1,48}$/)
    .default('coastguard'),
  /** The structured-data id; 32473 is the enterprise number reserved for examples (RFC 5612): use your own. */
  sdId: z
    .string()
    .regex(/^[!#-<>-\\^-~]{1,32}$/, 'expected an SD-ID (printable, no space, =, ], ")')
    .default('coastguard@32473'),
});
export type SyslogConfig = z.infer<typeof config>;

export const syslog: DestinationKind<typeof config> = {
  kind: 'syslog',
  config,
  create: (options, context) => createSyslogDestination(options, context.hostname),
};

/** RFC 5424 §6.2.1 severities: 2 critical, 3 error, 4 warning, 5 notice, 6 informational. */
const SYSLOG_SEVERITY: Record<Severity, number> = { critical: 2, high: 3, medium: 4, low: 5, info: 6 };

export interface SyslogFormat {
  readonly facility: number;
  readonly hostname: string;
  readonly appName: string;
  readonly procId: string;
  readonly sdId: string;
}

/** PRINTUSASCII runs (RFC 5424 §6): anything else becomes `_`, an empty field `-` (NILVALUE). */
function header(value: string, max: number): string {
  const clean = value.replace(/[^!-~]/g, '_').slice(0, max);
  return clean === '' ? '-' : clean;
}

/** PARAM-VALUE escaping (§6.3.3): `"`, `\` and `]` are escaped. */
function param(value: string): string {
  return value.replace(/["\\\]]/g, (c) => `\\${c}`);
}

export function formatSyslogMessage(event: DeliveryEvent, format: SyslogFormat): string {
  const pri = format.facility * 8 + SYSLOG_SEVERITY[event.severity ?? 'info'];
  const subject = typeof event.body.subject === 'string' ? ` subject="${param(event.body.subject)}"` : '';
  const severity = event.severity === undefined ? '' : ` severity="${event.severity}"`;
  const sd = `[${format.sdId} id="${param(event.id)}" seq="${event.seq}" action="${param(event.action)}"${subject}${severity}]`;
  return (
    `<${pri}>1 ${event.time} ${header(format.hostname, 255)} ${header(format.appName, 48)} ` +
    `${header(format.procId, 128)} ${header(event.action, 32)} ${sd} \uFEFF${JSON.stringify(event.body)}`
  );
}

/** Octet counting: the length in bytes of the UTF-8 message, a space, the message. */
export function frameOctetCounted(message: string): Buffer {
  const bytes = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${bytes.length} `, 'ascii'), bytes]);
}

export function createSyslogDestination(
  options: Pick<
    SyslogConfig,
    | 'name'
    | 'host'
    | 'port'
    | 'transport'
    | 'caFile'
    | 'certFile'
    | 'keyFile'
    | 'serverName'
    | 'facility'
    | 'appName'
    | 'sdId'
  >,
  hostname: string,
): Destination {
  const format: SyslogFormat = {
    facility: options.facility,
    hostname,
    appName: options.appName,
    procId: String(process.pid),
    sdId: options.sdId,
  };
  const where = `${options.transport}://${options.host}:${options.port}`;
  return {
    name: options.name,
    kind: 'syslog',
    async deliver(events: readonly DeliveryEvent[], signal: AbortSignal): Promise<void> {
      const payload = Buffer.concat(events.map((e) => frameOctetCounted(formatSyslogMessage(e, format))));
      const socket =
        options.transport === 'tls' ? await connectTls(options) : net.connect(options.port, options.host);
      await sendAndClose(socket, payload, signal, where);
    },
    close: async () => {},
  };
}

function sendAndClose(
  socket: net.Socket,
  payload: Buffer,
  signal: AbortSignal,
  where: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (err?: DeliveryError) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new DeliveryError(`${where} timed out`, true));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    // Certificate problems are configuration (retrying will not help); network errors may pass.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const isTlsTrust = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS_CERT/i.test(err.code ?? '');
      finish(new DeliveryError(`${where}: ${err.code ?? ''} ${err.message}`.trim(), !isTlsTrust));
    });
    // Half-close after writing and wait for the receiver to close its side: it has then read everything.
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    const start = () => socket.end(payload);
    if (socket instanceof tls.TLSSocket) socket.once('secureConnect', start);
    else socket.once('connect', start);
  });
}

// TLS connections of the stream destinations (syslog, Fluentd forward): the receiver's CA, an optional client
// certificate, and the name checked in the receiver's certificate.
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import tls from 'node:tls';
import { DeliveryError } from './destination.js';

export interface TlsTarget {
  readonly host: string;
  readonly port: number;
  readonly caFile?: string | undefined;
  readonly certFile?: string | undefined;
  readonly keyFile?: string | undefined;
  readonly serverName?: string | undefined;
}

export async function connectTls(options: TlsTarget): Promise<tls.TLSSocket> {
  const read = async (file: string | undefined, what: string) => {
    if (file === undefined) return undefined;
    try {
      return await readFile(file);
    } catch (err) {
      throw new DeliveryError(
        `cannot read the ${what} ${file} (${(err as NodeJS.ErrnoException).code})`,
        false,
      );
    }
  };
  const [ca, cert, key] = [
    await read(options.caFile, 'CA file'),
    await read(options.certFile, 'client certificate'),
    await read(options.keyFile, 'client key'),
  ];
  return tls.connect({
    host: options.host,
    port: options.port,
    // SNI carries names only (RFC 6066 §3); an IP address is still checked against the certificate's SANs.
    ...(options.serverName !== undefined || net.isIP(options.host) === 0
      ? { servername: options.serverName ?? options.host }
      : {}),
    ...(ca === undefined ? {} : { ca }),
    ...(cert === undefined ? {} : { cert }),
    ...(key === undefined ? {} : { key }),
  });
}

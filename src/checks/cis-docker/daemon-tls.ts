// CIS Docker 1.6 §2.7: a daemon listening on TCP must require client certificates, or anyone who reaches the port
// is root on the host. A daemon reachable only on its unix socket has nothing to configure.
import type { Snapshot } from '../../core/inventory/snapshot.js';
import { formatOption, readOption, toBoolean, toStringList } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { cannotTell, fail, type Judgement, notApplicable, onDaemon, pass } from './judge.js';

function isTcp(address: string): boolean {
  return /^(tcp|https?):\/\//.test(address.trim());
}

function judgeTls({ daemon, engineEndpoint }: Snapshot): Judgement {
  const hosts = readOption(daemon, 'hosts');
  const configured = hosts.kind === 'set' ? toStringList(hosts.value) : [];
  const tcp = configured.filter(isTcp);
  // We reached the engine over TCP ourselves: it listens there whatever the configuration says.
  if (isTcp(engineEndpoint) && !tcp.includes(engineEndpoint)) tcp.push(engineEndpoint);
  if (tcp.length === 0) {
    if (hosts.kind === 'unknown') return cannotTell(hosts.reason);
    const listening = configured.length > 0 ? configured.join(', ') : 'the default unix socket';
    return notApplicable(`daemon listens on ${listening} only (no tcp:// host)`);
  }

  const listening = `daemon listens on ${tcp.join(', ')}`;
  const verify = readOption(daemon, 'tlsverify');
  if (verify.kind === 'unknown') return cannotTell(`${listening}; ${verify.reason}`);
  if (verify.kind === 'unset' || toBoolean(verify.value) !== true) {
    const seen = verify.kind === 'set' ? formatOption('tlsverify', verify.value) : 'tlsverify not set';
    return fail(`${listening} with ${seen} (clients are not required to present a certificate)`);
  }
  const files = ['tlscacert', 'tlscert', 'tlskey']
    .map((key) => ({ key, reading: readOption(daemon, key) }))
    .filter(({ reading }) => reading.kind === 'set')
    .map(({ key, reading }) => (reading.kind === 'set' ? formatOption(key, reading.value) : key));
  const detail = files.length > 0 ? `, ${files.join(', ')}` : ' (certificates from the default paths)';
  return pass(`${listening} with tlsverify=true${detail}`);
}

export const daemonTls = defineCheck(
  {
    cisId: '2.7',
    checkId: 'daemon-tls',
    title: 'Ensure TLS authentication for Docker daemon is configured',
    scope: 'daemon',
    severity: 'critical',
    automation: 'automated',
    remediation:
      'Set "tlsverify": true with tlscacert, tlscert and tlskey in daemon.json, or stop listening on TCP.',
  },
  onDaemon(judgeTls),
);

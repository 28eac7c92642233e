// Turns a per-subject decision into verdicts: one per container or image, or one for the host or daemon.
// Every "no subjects" case becomes one not-applicable verdict, so each check appears in every report.
import type { Container, Mount } from '../../core/inventory/container.js';
import { type Image, imageDisplayName } from '../../core/inventory/image.js';
import type { Network } from '../../core/inventory/network.js';
import type { Snapshot } from '../../core/inventory/snapshot.js';
import type { CheckStatus, Subject } from '../../core/result/check-result.js';
import type { Judge, Verdict } from './define-check.js';

/** A decision about one subject, before the subject is attached. */
export interface Judgement {
  status: CheckStatus;
  evidence: string;
}

export const pass = (evidence: string): Judgement => ({ status: 'pass', evidence });
export const fail = (evidence: string): Judgement => ({ status: 'fail', evidence });
export const manual = (evidence: string): Judgement => ({ status: 'manual', evidence });
export const notApplicable = (evidence: string): Judgement => ({ status: 'not-applicable', evidence });
export const cannotTell = (evidence: string): Judgement => ({ status: 'error', evidence });

export function hostSubject(snapshot: Snapshot): Subject {
  return { kind: 'host', id: snapshot.host.id, name: snapshot.host.hostname };
}

export function daemonSubject(snapshot: Snapshot): Subject {
  return { kind: 'daemon', id: snapshot.host.id, name: 'dockerd' };
}

export function containerSubject(container: Container): Subject {
  return { kind: 'container', id: container.id, name: container.name };
}

export function imageSubject(image: Image): Subject {
  return { kind: 'image', id: image.id, name: imageDisplayName(image) };
}

export function networkSubject(network: Network): Subject {
  return { kind: 'network', id: network.id, name: network.name };
}

export function onHost(decide: (snapshot: Snapshot) => Judgement): Judge {
  return (snapshot) => [{ subject: hostSubject(snapshot), ...decide(snapshot) }];
}

export function onDaemon(decide: (snapshot: Snapshot) => Judgement): Judge {
  return (snapshot) => [{ subject: daemonSubject(snapshot), ...decide(snapshot) }];
}

/**
 * One verdict per container, whatever its state: a stopped privileged container is still a finding. The state is
 * appended to the evidence when the container is not running, e.g. `HostConfig.Privileged=true (state: created)`.
 */
export function eachContainer(decide: (container: Container, snapshot: Snapshot) => Judgement): Judge {
  return (snapshot) => {
    if (snapshot.containers.length === 0) {
      return [{ subject: hostSubject(snapshot), ...notApplicable('no containers on this host (any state)') }];
    }
    return snapshot.containers.map((container): Verdict => {
      const judgement = decide(container, snapshot);
      const evidence =
        container.state === 'running'
          ? judgement.evidence
          : `${judgement.evidence} (state: ${container.state})`;
      return { subject: containerSubject(container), status: judgement.status, evidence };
    });
  };
}

export function eachImage(decide: (image: Image, snapshot: Snapshot) => Judgement): Judge {
  return (snapshot) => {
    if (snapshot.images.length === 0) {
      return [{ subject: hostSubject(snapshot), ...notApplicable('no images on this host') }];
    }
    return snapshot.images.map(
      (image): Verdict => ({ subject: imageSubject(image), ...decide(image, snapshot) }),
    );
  };
}

/** CIS Docker §7 applies only to a node in an active swarm; elsewhere each check says so once. */
export function whenSwarmActive(judge: Judge): Judge {
  return (snapshot) => {
    const { state } = snapshot.daemon.swarm;
    if (state !== 'active') {
      return [
        {
          subject: daemonSubject(snapshot),
          ...notApplicable(`swarm mode is not active (Swarm.LocalNodeState=${state})`),
        },
      ];
    }
    return judge(snapshot);
  };
}

/** Config.User '' (image default, root unless the image says otherwise), `root`, `0` or `0:<group>` run as root. */
export function isRootUser(user: string): boolean {
  const name = user.split(':', 1)[0]?.trim() ?? '';
  return name === '' || name === 'root' || /^0+$/.test(name);
}

/** `64 MiB` style sizes for evidence next to the exact byte count. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** `/var/run/docker.sock → /var/run/docker.sock (rw)`, as listed after `Mounts:` in evidence. */
export function formatMount(mount: Mount): string {
  return `${mount.source} → ${mount.destination} (${mount.isReadWrite ? 'rw' : 'ro'})`;
}

/** `1 image`, `3 images`. */
export function countOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : plural}`;
}

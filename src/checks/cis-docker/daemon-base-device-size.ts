// CIS Docker 1.6 §2.11: enlarging the devicemapper base device lets every container grow larger; whether that is
// needed is a judgement.
import { readOption } from './daemon-options.js';
import { defineCheck } from './define-check.js';
import { manual, onDaemon } from './judge.js';

export const daemonBaseDeviceSize = defineCheck(
  {
    cisId: '2.11',
    checkId: 'daemon-hardening',
    title: 'Ensure base device size is not changed until needed',
    scope: 'daemon',
    severity: 'medium',
    automation: 'manual',
    remediation:
      'Remove dm.basesize from "storage-opts" unless a workload is documented to need larger containers.',
  },
  onDaemon(({ daemon }) => {
    const reading = readOption(daemon, 'storage-opts');
    const opts =
      reading.kind === 'set'
        ? `storage-opts=${JSON.stringify(reading.value)}`
        : reading.kind === 'unset'
          ? 'storage-opts not set'
          : `storage-opts unknown (${reading.reason})`;
    return manual(
      `storage driver ${daemon.storageDriver || 'unknown'}; ${opts}: confirm any base size change is needed`,
    );
  }),
);

// Every CIS Docker Benchmark v1.6.0 recommendation, in benchmark order. Adding a check: one file, one line here.
import { containerApparmor } from './container-apparmor.js';
import { containerCapabilities } from './container-capabilities.js';
import { containerCgroup } from './container-cgroup.js';
import { containerDefaultBridge } from './container-default-bridge.js';
import { containerDevices } from './container-devices.js';
import { containerExecPrivileged, containerExecRoot } from './container-exec.js';
import { containerHealthcheck } from './container-healthcheck.js';
import { containerImageFreshness } from './container-image-freshness.js';
import { containerMountPropagation } from './container-mount-propagation.js';
import { containerNamespaceChecks } from './container-namespaces.js';
import { containerNoNewPrivileges } from './container-no-new-privileges.js';
import {
  containerBoundInterface,
  containerNeededPorts,
  containerPrivilegedPorts,
} from './container-ports.js';
import { containerPrivileged } from './container-privileged.js';
import { containerReadonlyRootfs } from './container-readonly-rootfs.js';
import { containerCpuLimit, containerMemoryLimit, containerPidsLimit } from './container-resources.js';
import { containerRestartPolicy } from './container-restart-policy.js';
import { containerRuntimeSocket } from './container-runtime-socket.js';
import { containerSeccomp } from './container-seccomp.js';
import { containerSelinux } from './container-selinux.js';
import { containerSensitiveMounts } from './container-sensitive-mounts.js';
import { containerSshd } from './container-sshd.js';
import { containerUlimits } from './container-ulimits.js';
import { daemonAuthorization } from './daemon-authorization.js';
import { daemonBaseDeviceSize } from './daemon-base-device-size.js';
import { daemonCgroup } from './daemon-cgroup.js';
import { daemonDefaultUlimits } from './daemon-default-ulimits.js';
import { daemonExperimental } from './daemon-experimental.js';
import { daemonIcc } from './daemon-icc.js';
import { daemonInsecureRegistries } from './daemon-insecure-registries.js';
import { daemonIptables } from './daemon-iptables.js';
import { daemonLiveRestore } from './daemon-live-restore.js';
import { daemonLogLevel } from './daemon-log-level.js';
import { daemonNoNewPrivileges } from './daemon-no-new-privileges.js';
import { daemonRemoteLogging } from './daemon-remote-logging.js';
import { daemonRootless } from './daemon-rootless.js';
import { daemonSeccomp } from './daemon-seccomp.js';
import { daemonStorageDriver } from './daemon-storage-driver.js';
import { daemonSwarmMode } from './daemon-swarm-mode.js';
import { daemonTls } from './daemon-tls.js';
import { daemonUserlandProxy } from './daemon-userland-proxy.js';
import { daemonUserns } from './daemon-userns.js';
import type { CisDockerCheck } from './define-check.js';
import { hostAuditRuleChecks } from './host-audit-rules.js';
import { hostDockerGroup } from './host-docker-group.js';
import { hostEngineVersion } from './host-engine-version.js';
import { hostFilePermissionChecks } from './host-file-permissions.js';
import { hostHardened } from './host-hardened.js';
import { hostSeparatePartition } from './host-separate-partition.js';
import { hostContainerSprawl, hostImageSprawl } from './host-sprawl.js';
import { imageContentTrust } from './image-content-trust.js';
import { imageHealthcheck } from './image-healthcheck.js';
import { imageCopyNotAdd, imageUpdateAlone } from './image-history.js';
import { imagePackages, imagePatching, imageSetuid, imageTrustedBase } from './image-review.js';
import { imageSecrets } from './image-secrets.js';
import { imageSignedArtifacts, imageVerifiedPackages } from './image-signatures.js';
import { imageUser } from './image-user.js';
import { swarmAutolock } from './swarm-autolock.js';
import { swarmManagers } from './swarm-managers.js';
import { swarmOverlayEncryption } from './swarm-overlay-encryption.js';
import {
  swarmAutoLockRotation,
  swarmCaRotation,
  swarmListenAddress,
  swarmNodeCertRotation,
  swarmSecrets,
  swarmTrafficSeparation,
} from './swarm-review.js';

export type { CisDockerCheck } from './define-check.js';

/** Grouped by section; the registry orders them by CIS id. */
export const cisDockerChecks: readonly CisDockerCheck[] = [
  hostSeparatePartition,
  hostDockerGroup,
  ...hostAuditRuleChecks,
  hostHardened,
  hostEngineVersion,
  daemonRootless,
  daemonIcc,
  daemonLogLevel,
  daemonIptables,
  daemonInsecureRegistries,
  daemonStorageDriver,
  daemonTls,
  daemonDefaultUlimits,
  daemonUserns,
  daemonCgroup,
  daemonBaseDeviceSize,
  daemonAuthorization,
  daemonRemoteLogging,
  daemonNoNewPrivileges,
  daemonLiveRestore,
  daemonUserlandProxy,
  daemonSeccomp,
  daemonExperimental,
  ...hostFilePermissionChecks,
  imageUser,
  imageTrustedBase,
  imagePackages,
  imagePatching,
  imageContentTrust,
  imageHealthcheck,
  imageUpdateAlone,
  imageSetuid,
  imageCopyNotAdd,
  imageSecrets,
  imageVerifiedPackages,
  imageSignedArtifacts,
  daemonSwarmMode,
  containerApparmor,
  containerSelinux,
  containerCapabilities,
  containerPrivileged,
  containerSensitiveMounts,
  containerSshd,
  containerPrivilegedPorts,
  containerNeededPorts,
  containerMemoryLimit,
  containerCpuLimit,
  containerReadonlyRootfs,
  containerBoundInterface,
  containerRestartPolicy,
  containerDevices,
  containerUlimits,
  containerMountPropagation,
  containerSeccomp,
  containerExecPrivileged,
  containerExecRoot,
  containerCgroup,
  containerNoNewPrivileges,
  containerHealthcheck,
  containerImageFreshness,
  containerPidsLimit,
  containerDefaultBridge,
  containerRuntimeSocket,
  ...containerNamespaceChecks,
  hostImageSprawl,
  hostContainerSprawl,
  swarmManagers,
  swarmListenAddress,
  swarmOverlayEncryption,
  swarmSecrets,
  swarmAutolock,
  swarmAutoLockRotation,
  swarmNodeCertRotation,
  swarmCaRotation,
  swarmTrafficSeparation,
];

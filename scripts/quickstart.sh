#!/usr/bin/env bash
# Quick start: install what Coastguard needs on a Debian host, make sure a Docker engine runs (starting one, with a
# few sample containers, when there is none), then scan this host, print the summary and write the HTML report.
set -euo pipefail
cd "$(dirname "$0")/.."

# The engine here may be older than the docker CLI; 1.41 is what both speak (Docker 20.10).
export DOCKER_API_VERSION="${DOCKER_API_VERSION:-1.41}"
SAMPLE_PREFIX=coastguard-sample-

say() { printf '\033[1m==>\033[0m %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "quickstart: $1 needs root; re-run as root (sudo bash scripts/quickstart.sh)" >&2
    exit 2
  fi
}

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "quickstart: Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 2
fi

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
[ -x /bin/busybox ] || [ -x /usr/bin/busybox ] || missing+=(busybox-static)
if [ "${#missing[@]}" -gt 0 ]; then
  need_root "installing ${missing[*]}"
  say "Installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
  say "Installing Node.js dependencies (npm ci; the SQLite driver may compile for about a minute)"
  npm ci --no-fund --no-audit >/dev/null
fi
say "Building Coastguard"
npm run --silent build

engine_answers() { docker info >/dev/null 2>&1; }
if ! engine_answers; then
  need_root "starting the Docker engine"
  say "No Docker engine answers; starting dockerd"
  if command -v systemctl >/dev/null 2>&1 && systemctl start docker >/dev/null 2>&1; then :; else
    nohup dockerd >/var/log/coastguard-dockerd.log 2>&1 &
  fi
  for _ in $(seq 1 60); do engine_answers && break; sleep 0.5; done
  engine_answers || { echo "quickstart: dockerd did not come up; see /var/log/coastguard-dockerd.log" >&2; exit 2; }
fi

if [ -z "$(docker ps -aq)" ]; then
  say "The engine has no containers; starting a few samples (${SAMPLE_PREFIX}*) so there is something to see"
  busybox=$(command -v busybox || echo /bin/busybox)
  root=$(mktemp -d)
  trap 'rm -rf "$root"' EXIT
  mkdir -p "$root/bin" "$root/etc" "$root/tmp"
  cp "$busybox" "$root/bin/busybox"
  for applet in sh sleep true httpd; do ln -s busybox "$root/bin/$applet"; done
  printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\n' >"$root/etc/passwd"
  printf 'root:x:0:\napp:x:1000:\n' >"$root/etc/group"
  tar -C "$root" -c . | docker import - "${SAMPLE_PREFIX}busybox:1" >/dev/null
  image="${SAMPLE_PREFIX}busybox:1"
  # A random host port on every interface: a finding (CIS 5.14) whatever else this host already listens on.
  docker run -d --name "${SAMPLE_PREFIX}web" -p 8080 --restart always \
    "$image" httpd -f -p 8080 >/dev/null
  docker run -d --name "${SAMPLE_PREFIX}ops-agent" --pid host -v /var/run/docker.sock:/var/run/docker.sock \
    --cap-add SYS_ADMIN "$image" sleep 86400 >/dev/null
  docker run -d --name "${SAMPLE_PREFIX}hardened" --read-only --user 1000:1000 --cap-drop ALL \
    --security-opt no-new-privileges --memory 64m --cpus 0.5 --pids-limit 64 --restart on-failure:5 \
    --health-cmd 'true' "$image" sleep 86400 >/dev/null
fi

say "Scanning this host"
exec node bin/coastguard.js scan --html "$@"

#!/usr/bin/env bash
# Builds and tests the Taskledger server image without a container daemon or a registry (docs/deployment.md).
#
#   deploy/image.sh build    builds the image; prints the path of its OCI archive
#   deploy/image.sh test     builds it if need be, starts the server from it on this machine, and exits 0 only when
#                            /health answers 200 from inside the container
#   deploy/image.sh context  only assembles the build context (target/image/context) for `docker build`
#
# Needs: root, and Debian's buildah and debootstrap (installed with apt-get when missing). The base, a Debian bookworm
# root with openjdk-17-jre-headless, is bootstrapped from Debian's packages once and cached in $TASKLEDGER_IMAGE_CACHE
# (default ~/.cache/taskledger-image); delete it to take the newest packages. Containers run under
# `buildah run --isolation chroot` (no daemon, no network namespace: the server listens on the host's loopback).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${TASKLEDGER_IMAGE_CACHE:-${HOME}/.cache/taskledger-image}"
out="${repo}/target/image"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
base_tar="${cache}/bookworm-openjdk-17-jre-headless.tar"
base_image="localhost/taskledger-base:bookworm-openjdk17"
buildah_store=(--root "${cache}/storage" --runroot "${cache}/run" --storage-driver vfs)

log() { printf '[image.sh] %s\n' "$*" >&2; }

version() {
  sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "${repo}/pom.xml" | sed -n 2p
}

commit() {
  git -C "${repo}" rev-parse --short=12 HEAD 2>/dev/null || echo unknown
}

need_tools() {
  local missing=()
  command -v buildah >/dev/null || missing+=(buildah)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
      log "missing: ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run this as root"
      exit 2
    fi
    log "installing ${missing[*]} from Debian's packages"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  [[ $(id -u) -eq 0 ]] || { log "buildah and debootstrap need root here"; exit 2; }
}

bh() { buildah "${buildah_store[@]}" "$@"; }

# The base: bookworm (minimal) with the JRE and the security updates, as a root file system in a tar, then an image.
base() {
  if [[ ! -s "${base_tar}" ]]; then
    local root="${cache}/bookworm-root"
    mkdir -p "${cache}"
    if [[ ! -f "${root}/.bootstrapped" ]]; then
      rm -rf "${root}"
      log "bootstrapping Debian bookworm with openjdk-17-jre-headless into ${root} (minutes, once)"
      debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "${root}" "${mirror}" \
        >"${cache}/debootstrap.log" 2>&1 || { tail -20 "${cache}/debootstrap.log"; exit 1; }
      touch "${root}/.bootstrapped"
    fi
    cat >"${root}/etc/apt/sources.list" <<SOURCES
deb ${mirror} bookworm main
deb ${mirror} bookworm-updates main
deb ${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security} bookworm-security main
SOURCES
    log "applying bookworm's updates and security updates"
    # The JRE's post-installation script runs java, which needs /proc.
    mount -t proc proc "${root}/proc"
    local upgraded=0
    chroot "${root}" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -y -qq upgrade \
      && DEBIAN_FRONTEND=noninteractive apt-get -y -qq -f install && apt-get clean' \
      >>"${cache}/debootstrap.log" 2>&1 || upgraded=$?
    umount "${root}/proc"
    ((upgraded == 0)) || { tail -20 "${cache}/debootstrap.log"; exit 1; }
    rm -rf "${root}"/var/lib/apt/lists/* "${root}"/var/cache/apt/*.bin "${root}"/var/log/apt/* "${root}/.bootstrapped" \
      "${root}"/tmp/* "${root}"/tmp/.[!.]*
    find "${root}/var/log" -type f -name '*.log' -delete
    tar -C "${root}" --numeric-owner -cf "${base_tar}.partial" . && mv "${base_tar}.partial" "${base_tar}"
    rm -rf "${root}"
  fi
  if ! bh inspect --type image "${base_image}" >/dev/null 2>&1; then
    log "importing the base into buildah's store"
    local ctr
    ctr=$(bh from --quiet scratch)
    bh add --quiet "${ctr}" "${base_tar}" / >/dev/null
    bh config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --env LANG=C.UTF-8 "${ctr}"
    bh commit --quiet --rm "${ctr}" "${base_image}" >/dev/null
  fi
}

# target/image/context: the extracted jar (without the host's CDS archive: the image trains its own) and the check.
context() {
  local app="${repo}/infra/target/taskledger"
  if [[ ! -f "${app}/taskledger.jar" ]]; then
    log "building the server (./mvnw -B -q -DskipTests package)"
    (cd "${repo}" && ./mvnw -B -q -DskipTests package)
  fi
  rm -rf "${out}/context"
  mkdir -p "${out}/context/app"
  cp -a "${app}/taskledger.jar" "${app}/lib" "${out}/context/app/"
  cp -a "${repo}/deploy/healthcheck" "${out}/context/healthcheck"
  echo "${out}/context"
}

archive_path() { echo "${out}/taskledger-$(version).oci.tar"; }

build() {
  need_tools
  base
  context >/dev/null
  local tag="localhost/taskledger:$(version)" started=${SECONDS}
  log "building ${tag} from deploy/Containerfile on ${base_image}"
  bh bud --quiet --isolation chroot --format docker --layers=false \
    --build-arg BASE_IMAGE="${base_image}" --build-arg VERSION="$(version)" --build-arg COMMIT="$(commit)" \
    -f "${repo}/deploy/Containerfile" -t "${tag}" "${out}/context" >/dev/null
  rm -f "$(archive_path)" "${out}/taskledger-$(version).docker.tar"
  # OCI for registries and skopeo; the docker archive keeps the HEALTHCHECK, which the OCI format has no field for.
  bh push --quiet "${tag}" "oci-archive:$(archive_path):taskledger:$(version)"
  bh push --quiet "${tag}" "docker-archive:${out}/taskledger-$(version).docker.tar:taskledger:$(version)"
  log "built in $((SECONDS - started)) s: $(du -h "$(archive_path)" | cut -f1) (OCI archive); docker archive beside it"
  archive_path
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo 18000
}

test_ctr=""
test_pid=""

test_image() {
  need_tools
  local archive
  archive="$(archive_path)"
  if [[ ! -s "${archive}" ]] || ! image_is_current; then
    archive="$(build)"
  fi
  local port started
  test_ctr=$(bh from --quiet "oci-archive:${archive}")
  trap cleanup_test EXIT
  port=$(free_port)
  # The image's own entry point, user and environment, run from the image's file system.
  local -a entrypoint
  mapfile -t entrypoint < <(bh inspect --format '{{range .OCIv1.Config.Entrypoint}}{{println .}}{{end}}' "${test_ctr}")
  local user
  user=$(bh inspect --format '{{.OCIv1.Config.User}}' "${test_ctr}")
  [[ -n "${user}" && "${user}" != root && "${user}" != 0 ]] || { log "the image runs as root"; exit 1; }
  log "starting the server from ${archive} as ${user} on 127.0.0.1:${port}"
  started=${SECONDS}
  bh run --isolation chroot --user "${user}" --env SERVER_PORT="${port}" --env SERVER_ADDRESS=127.0.0.1 \
    "${test_ctr}" -- "${entrypoint[@]}" >"${out}/test-server.log" 2>&1 &
  test_pid=$!
  local deadline=$((SECONDS + ${TASKLEDGER_IMAGE_TEST_TIMEOUT:-300}))
  until bh run --isolation chroot --user "${user}" --env SERVER_PORT="${port}" "${test_ctr}" -- /app/healthcheck \
      >/dev/null 2>&1; do
    if ! kill -0 "${test_pid}" 2>/dev/null; then
      log "the server stopped before /health answered; its log:"; tail -40 "${out}/test-server.log" >&2; exit 1
    fi
    if ((SECONDS > deadline)); then
      log "/health did not answer 200 within ${TASKLEDGER_IMAGE_TEST_TIMEOUT:-300} s"; tail -40 "${out}/test-server.log" >&2
      exit 1
    fi
    sleep 1
  done
  log "/health answered 200 from inside the container $((SECONDS - started)) s after the start"
  # The class-data-sharing archive is there and this JVM maps it (-Xshare:on fails when it cannot).
  bh run --isolation chroot --user "${user}" "${test_ctr}" -- java -Xshare:on -XX:SharedArchiveFile=/app/taskledger.jsa \
    -cp /app/taskledger.jar -version >/dev/null 2>&1 || { log "the image's CDS archive does not map"; exit 1; }
  log "the class-data-sharing archive maps"
  grep -o 'Started TaskledgerApplication in [0-9.]* seconds' "${out}/test-server.log" | head -1 >&2 || true
}

# The commit the image in buildah's store was built from; none when there is none.
label_of_archive() {
  bh inspect --type image --format '{{index .OCIv1.Config.Labels "org.opencontainers.image.revision"}}' \
    "localhost/taskledger:$(version)" 2>/dev/null || echo none
}

# Whether the image was built from the same server code and image files as the working tree's commit: its revision
# label names a commit, and nothing that goes into the image changed since then (docs and tests may have).
image_is_current() {
  local built
  built="$(label_of_archive)"
  [[ "${built}" != none ]] && git -C "${repo}" cat-file -e "${built}^{commit}" 2>/dev/null \
    && git -C "${repo}" diff --quiet "${built}" HEAD -- pom.xml shared-api/src command-side/src projections/src \
      query-side/src infra/src/main infra/pom.xml deploy/Containerfile deploy/healthcheck
}

# Processes started under the given one, deepest last.
descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    echo "${child}"
    descendants "${child}"
  done
}

# Stops the server as an orchestrator would: SIGTERM to the JVM, which shuts down in order (its embedded PostgreSQL
# too; buildah would kill it outright), then removes the container.
cleanup_test() {
  if [[ -n "${test_pid}" ]] && kill -0 "${test_pid}" 2>/dev/null; then
    local process
    for process in $(descendants "${test_pid}"); do
      [[ "$(ps -o comm= -p "${process}" 2>/dev/null)" == java ]] && kill -TERM "${process}" 2>/dev/null || true
    done
    for _ in $(seq 1 60); do kill -0 "${test_pid}" 2>/dev/null || break; sleep 1; done
    kill -TERM "${test_pid}" 2>/dev/null || true
  fi
  [[ -z "${test_ctr}" ]] || bh rm "${test_ctr}" >/dev/null 2>&1 || true
}

case "${1:-}" in
  build) build ;;
  test) test_image ;;
  context) context ;;
  *) echo "usage: $0 build|test|context" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# actionlint for tests (issue 15): the real linter of GitHub Actions workflows, built from the Go
# module proxy at one pinned release, because no prebuilt binary can be downloaded here. The
# product runs actionlint only when the user has it on PATH; tests get this build through
# REIGN_TEST_ACTIONLINT. Test infrastructure only.
#
#   .ci/peers/actionlint.sh build   build it into the cache if it is missing (idempotent; prints what the build cost)
#   .ci/peers/actionlint.sh env     build if needed, print `export REIGN_TEST_ACTIONLINT=/path/to/actionlint`
#
# v1.7.12 is the newest v1.7 the module proxy serves (`go list -m -versions github.com/rhysd/actionlint`).
set -euo pipefail

ACTIONLINT_VERSION=1.7.12
CACHE="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}/actionlint-v${ACTIONLINT_VERSION}"
BINARY="$CACHE/actionlint"
export GOFLAGS="${GOFLAGS:--mod=mod}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

log() { echo "actionlint peer: $*" >&2; }

build() {
  [ -x "$BINARY" ] && return
  command -v go > /dev/null 2>&1 || { log "go is not on PATH: actionlint is built with Go (on the machine image)"; return 1; }
  # Into a scratch folder first, so an interrupted build is never taken for a finished one.
  local scratch="$CACHE.partial-$$" started=$SECONDS
  rm -rf "$scratch" && mkdir -p "$scratch"
  # The release's own version string, as its Makefile sets it (`actionlint -version` reports it).
  local flags="-s -w -X github.com/rhysd/actionlint.version=v${ACTIONLINT_VERSION}"
  if ! GOBIN="$scratch" go install -trimpath -ldflags "$flags" "github.com/rhysd/actionlint/cmd/actionlint@v${ACTIONLINT_VERSION}" > "$scratch/build.log" 2>&1; then
    log "building actionlint v${ACTIONLINT_VERSION} failed:"
    tail -n 30 "$scratch/build.log" >&2
    rm -rf "$scratch"
    return 1
  fi
  rm -rf "$CACHE" && mv "$scratch" "$CACHE"
  log "built actionlint v${ACTIONLINT_VERSION} in $((SECONDS - started)) s ($(du -h "$BINARY" | cut -f1))"
}

case "${1:-}" in
  build) build && log "binary: $BINARY" ;;
  env) build && echo "export REIGN_TEST_ACTIONLINT=$BINARY" ;;
  *) echo "usage: $0 build|env" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Terraform providers for tests (issue 14), built from the Go module proxy into a filesystem mirror,
# because none can be downloaded from the Terraform registry here. Test infrastructure only.
#
#   .ci/peers/terraform-providers.sh build   build what is missing into the mirror (idempotent; prints what each build cost)
#   .ci/peers/terraform-providers.sh env     build if needed, write the CLI config, print `export TF_CLI_CONFIG_FILE=…`
#
# Each provider's go.mod names its module without a /vN suffix, so `go install …@v3.x` is refused:
# each is pinned by the pseudo-version of a commit of its main branch, and filed in the mirror under
# the release that commit follows (from its CHANGELOG).
set -euo pipefail

# NAMESPACE/TYPE  RELEASE  MODULE@PSEUDO-VERSION  [PATH ITS go.mod DECLARES, when the proxy serves it under another]
# (some go.mod files still say terraform-providers/; kreuzwerker's docker provider is served under
# kreuzwerker/ but declares terraform-providers/, so it is built from a wrapper module that replaces one by the other)
PROVIDERS=(
  "hashicorp/random 3.9.0 github.com/terraform-providers/terraform-provider-random@v1.3.2-0.20260824155315-e1092b0cfc07"
  "hashicorp/null 3.3.1 github.com/terraform-providers/terraform-provider-null@v1.0.1-0.20260824155049-3827b35ad520"
  "hashicorp/local 2.9.0 github.com/terraform-providers/terraform-provider-local@v1.4.1-0.20260806152022-9068a4b7aa37"
  "hashicorp/tls 4.3.0 github.com/hashicorp/terraform-provider-tls@v1.2.1-0.20260819085117-d044ca7c6f52"
  "hashicorp/kubernetes 3.2.1 github.com/hashicorp/terraform-provider-kubernetes@v1.13.4-0.20260821094251-3a33fb6cc605"
  "kreuzwerker/docker 4.6.0 github.com/kreuzwerker/terraform-provider-docker@v0.0.0-20260916201441-96d331c98ff4 github.com/terraform-providers/terraform-provider-docker"
)
ROOT="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}"
# The mirror holds exactly this list; each provider's build is kept by its own line, so adding one
# to the list builds only that one.
KEY=$(printf '%s\n' "${PROVIDERS[@]}" | sha256sum | cut -c1-12)
CACHE="$ROOT/terraform-providers-$KEY"
MIRROR="$CACHE/mirror"
BUILDS="$ROOT/terraform-provider-builds"
export GOFLAGS="${GOFLAGS:--mod=mod}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
# The checksum database has no record of these main-branch commits under the path their go.mod
# declares (404), so the providers themselves are taken unverified; their dependencies are verified.
export GONOSUMDB="${GONOSUMDB:-github.com/terraform-providers,github.com/hashicorp/terraform-provider-*,github.com/kreuzwerker/terraform-provider-*}"

log() { echo "terraform providers: $*" >&2; }

# One provider into $1 (a folder): go install where the module's own path is served, else a
# wrapper module whose replace points the declared path at where it is served.
build_one() {
  local out=$1 type=$2 module=$3 declared=$4 log=$5
  if [ -z "$declared" ]; then
    GOBIN="$out" go install -trimpath -ldflags "-s -w" "$module" >> "$log" 2>&1
    return
  fi
  local wrapper="$out/wrapper"
  mkdir -p "$wrapper"
  printf 'module reign.test/terraform-provider-%s\n\ngo 1.25\n\nrequire %s v0.0.0\n\nreplace %s => %s %s\n' "$type" "$declared" "$declared" "${module%@*}" "${module#*@}" > "$wrapper/go.mod"
  ( cd "$wrapper" && go build -trimpath -ldflags "-s -w" -o "$out/terraform-provider-$type" "$declared" ) >> "$log" 2>&1
}

build() {
  mkdir -p "$MIRROR" "$BUILDS"
  for entry in "${PROVIDERS[@]}"; do
    read -r source release module declared <<< "$entry"
    local type=${source#*/} id started=$SECONDS
    local dir="$MIRROR/registry.terraform.io/$source/$release/linux_amd64" binary="terraform-provider-${type}_v$release"
    [ -x "$dir/$binary" ] && continue
    id=$(printf '%s' "$entry" | sha256sum | cut -c1-12)
    local built="$BUILDS/$type-$release-$id"
    if [ ! -x "$built/$binary" ]; then
      mkdir -p "$built"
      : > "$built/build.log"
      if ! build_one "$built" "$type" "$module" "${declared:-}" "$built/build.log"; then
        log "building $source failed:"
        tail -n 30 "$built/build.log" >&2
        return 1
      fi
      mv "$built/terraform-provider-$type" "$built/$binary"
      log "built $source $release in $((SECONDS - started)) s"
    fi
    mkdir -p "$dir"
    # A hard link where the file system allows it: the mirror costs no space of its own.
    ln -f "$built/$binary" "$dir/$binary" 2> /dev/null || cp "$built/$binary" "$dir/$binary"
  done
  log "mirror in $MIRROR"
}

config() {
  cat > "$CACHE/terraformrc" <<HCL
# Providers only from Reign's test mirror; nothing from the network.
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/*", "registry.terraform.io/kreuzwerker/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
disable_checkpoint = true
HCL
  echo "export TF_CLI_CONFIG_FILE=$CACHE/terraformrc"
}

case "${1:-}" in
  build) build ;;
  env) build && config ;;
  *) echo "usage: $0 build|env" >&2; exit 2 ;;
esac

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

# TYPE  RELEASE  MODULE@PSEUDO-VERSION (hashicorp/TYPE in the registry; some go.mod files still say terraform-providers/)
PROVIDERS=(
  "random 3.9.0 github.com/terraform-providers/terraform-provider-random@v1.3.2-0.20260824155315-e1092b0cfc07"
  "null 3.3.1 github.com/terraform-providers/terraform-provider-null@v1.0.1-0.20260824155049-3827b35ad520"
  "local 2.9.0 github.com/terraform-providers/terraform-provider-local@v1.4.1-0.20260806152022-9068a4b7aa37"
  "tls 4.3.0 github.com/hashicorp/terraform-provider-tls@v1.2.1-0.20260819085117-d044ca7c6f52"
  "kubernetes 3.2.1 github.com/hashicorp/terraform-provider-kubernetes@v1.13.4-0.20260821094251-3a33fb6cc605"
)
KEY=$(printf '%s\n' "${PROVIDERS[@]}" | sha256sum | cut -c1-12)
CACHE="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}/terraform-providers-$KEY"
MIRROR="$CACHE/mirror"
export GOFLAGS="${GOFLAGS:--mod=mod}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
# The checksum database has no record of these main-branch commits under the path their go.mod
# declares (404), so the providers themselves are taken unverified; their dependencies are verified.
export GONOSUMDB="${GONOSUMDB:-github.com/terraform-providers,github.com/hashicorp/terraform-provider-*}"

log() { echo "terraform providers: $*" >&2; }

build() {
  mkdir -p "$MIRROR"
  for entry in "${PROVIDERS[@]}"; do
    read -r type release module <<< "$entry"
    local dir="$MIRROR/registry.terraform.io/hashicorp/$type/$release/linux_amd64" started=$SECONDS
    [ -x "$dir/terraform-provider-${type}_v$release" ] && continue
    mkdir -p "$dir" "$CACHE/gobin-$type"
    : > "$CACHE/build.log"
    if ! GOBIN="$CACHE/gobin-$type" go install -trimpath -ldflags "-s -w" "$module" >> "$CACHE/build.log" 2>&1; then
      log "building $type failed:"
      tail -n 30 "$CACHE/build.log" >&2
      return 1
    fi
    mv "$CACHE/gobin-$type/terraform-provider-$type" "$dir/terraform-provider-${type}_v$release"
    log "built hashicorp/$type $release in $((SECONDS - started)) s"
  done
  log "mirror in $MIRROR"
}

config() {
  cat > "$CACHE/terraformrc" <<HCL
# Providers only from Reign's test mirror; nothing from the network.
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/hashicorp/*"]
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

#!/usr/bin/env bash
# The MCP Inspector's command-line mode (issue 16), a real MCP client from the protocol's own
# project, for e2e/mcp-inspector.spec.ts: it lists and calls Reign's tools over stdio and over
# streamable HTTP. Test infrastructure only: not in package.json, and the product never runs it.
#
#   .ci/peers/mcp-inspector.sh install  npm-install the pinned Inspector into the cache once (prints what it cost)
#   .ci/peers/mcp-inspector.sh env      install if needed, print `export REIGN_TEST_MCP_INSPECTOR=<its CLI entry>`
#
# Needs Node >= 22.19 on PATH (the Inspector's engines): .ci/run calls it after `npm ci`, with the
# project's node_modules/.bin (Node 24) on PATH.
set -euo pipefail

INSPECTOR_VERSION=2.12.0
CACHE="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}/mcp-inspector-${INSPECTOR_VERSION}"
# The package's `mcp-inspector` bin: the launcher, which runs the CLI client for `--cli`.
ENTRY="$CACHE/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"

log() { echo "mcp inspector: $*" >&2; }

require_node() {
  local version
  version=$(node --version 2> /dev/null || true)
  if [[ ! $version =~ ^v(2[3-9]|[3-9][0-9])\. && ! $version =~ ^v22\.(19|[2-9][0-9])\. ]]; then
    log "the Inspector ${INSPECTOR_VERSION} needs Node >= 22.19 on PATH, found '${version:-no node}': run this after npm ci, with node_modules/.bin on PATH (as .ci/run does)"
    return 1
  fi
}

install() {
  require_node
  [ -f "$ENTRY" ] && return
  # Into a scratch folder first, so an interrupted install is never taken for a finished one.
  local scratch="$CACHE.partial-$$" started=$SECONDS
  rm -rf "$scratch" && mkdir -p "$scratch"
  if ! npm install --prefix "$scratch" --no-audit --no-fund --loglevel=error "@modelcontextprotocol/inspector@${INSPECTOR_VERSION}" > "$scratch.log" 2>&1; then
    log "npm install failed:"
    tail -n 30 "$scratch.log" >&2
    rm -rf "$scratch" "$scratch.log"
    return 1
  fi
  rm -rf "$CACHE" && mv "$scratch" "$CACHE" && mv "$scratch.log" "$CACHE/install.log"
  log "installed @modelcontextprotocol/inspector ${INSPECTOR_VERSION} in $((SECONDS - started)) s ($(du -sm "$CACHE" | cut -f1) MB in $CACHE)"
}

case "${1:-}" in
  install) install ;;
  env)
    # Not `install && echo`: errexit does not apply inside a function called on the left of &&.
    install
    echo "export REIGN_TEST_MCP_INSPECTOR=$ENTRY"
    ;;
  *) echo "usage: $0 install|env" >&2; exit 2 ;;
esac

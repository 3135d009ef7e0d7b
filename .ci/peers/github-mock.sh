#!/usr/bin/env bash
# A GitHub REST API for tests (issue 15), since no GitHub can be reached here: Stoplight Prism
# serving GitHub's own OpenAPI description of api.github.com (from @octokit/openapi). Prism matches
# every request's method and path against the description and validates its parameters and body,
# refusing violations the way the description says (422, 400, 404, 405…, naming each violation in
# an `sl-violations` header), and answers valid requests with the description's examples. A small
# front (github-mock-front.mjs beside this file) accepts GitHub's JSON media types and drops the
# description's placeholder Link header. Test infrastructure only: the product never runs any of it.
#
#   .ci/peers/github-mock.sh install  npm-install Prism and the description into the cache once (prints what it cost)
#   .ci/peers/github-mock.sh start    install if needed, start on a free loopback port, wait until it answers,
#                                     print `export GITHUB_API_URL=http://127.0.0.1:PORT` (idempotent)
#   .ci/peers/github-mock.sh stop     stop what start started, by PID
#   .ci/peers/github-mock.sh env      start if not running, print the export line
#
# Needs Node 24 on PATH (Prism 5.16 requires >= 24.18): .ci/run starts it after `npm ci`, with the
# project's node_modules/.bin on PATH.
#
# Not `prism mock --errors`: that flag does nothing to requests (they are always validated); it
# turns answers whose example disagrees with the description's own schema into 500s, and GitHub's
# examples disagree on common endpoints (repos.get, pulls.create, pulls.list), so every test would
# see 500s GitHub never sends. Those disagreements are logged, and named in `sl-violations` as
# `response` entries.
set -euo pipefail

PRISM_VERSION=5.16.0
OPENAPI_VERSION=23.0.2
CACHE="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}/github-mock-prism-${PRISM_VERSION}-openapi-${OPENAPI_VERSION}"
PRISM="$CACHE/node_modules/@stoplight/prism-cli/dist/index.js"
# The dereferenced description: measured here, Prism starts faster from it and holds less memory
# than from the bundled one (api.github.com.json), whose $refs it resolves itself.
DESCRIPTION="$CACHE/node_modules/@octokit/openapi/generated/api.github.com.deref.json"
FRONT="$(cd "$(dirname "$0")" && pwd)/github-mock-front.mjs"
STATE="${REIGN_GITHUB_MOCK_STATE:-${TMPDIR:-/tmp}/reign-github-mock}"
START_LIMIT=${REIGN_GITHUB_MOCK_START_LIMIT:-180} # seconds; Prism reads a 70 MB description, and 2 shared cores are slow

log() { echo "github mock: $*" >&2; }

require_node() {
  local version
  version=$(node --version 2> /dev/null || true)
  if [[ ! $version =~ ^v(2[4-9]|[3-9][0-9])\. ]]; then
    log "Prism ${PRISM_VERSION} needs Node >= 24 on PATH, found '${version:-no node}': run this after npm ci, with node_modules/.bin on PATH (as .ci/run does)"
    return 1
  fi
}

install() {
  require_node
  [ -f "$PRISM" ] && [ -f "$DESCRIPTION" ] && return
  # Into a scratch folder first, so an interrupted install is never taken for a finished one.
  local scratch="$CACHE.partial-$$" started=$SECONDS
  rm -rf "$scratch" && mkdir -p "$scratch"
  if ! npm install --prefix "$scratch" --no-audit --no-fund --loglevel=error "@stoplight/prism-cli@${PRISM_VERSION}" "@octokit/openapi@${OPENAPI_VERSION}" > "$scratch.log" 2>&1; then
    log "npm install failed:"
    tail -n 30 "$scratch.log" >&2
    rm -rf "$scratch"
    return 1
  fi
  rm -rf "$CACHE" && mv "$scratch" "$CACHE" && mv "$scratch.log" "$CACHE/install.log"
  log "installed Prism ${PRISM_VERSION} and @octokit/openapi ${OPENAPI_VERSION} in $((SECONDS - started)) s ($(du -sm "$CACHE" | cut -f1) MB in $CACHE)"
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# A PID from the state folder counts only while it is still our process: after a reboot or a long
# pause the number may belong to something else, which must never be signalled.
ours() { # ours NAME PID
  local script=$PRISM
  [ "$1" = front ] && script=$FRONT
  { tr '\0' ' ' < "/proc/$2/cmdline"; } 2> /dev/null | grep -qF "$script"
}

pid_of() { # pid_of NAME: the PID of our running NAME, or nothing
  local pid
  pid=$(cat "$STATE/$1.pid" 2> /dev/null || true)
  [ -n "$pid" ] && ours "$1" "$pid" && echo "$pid"
  return 0
}

alive() { [ -n "$(pid_of "$1")" ]; }

export_line() { echo "export GITHUB_API_URL=$(cat "$STATE/url")"; }

spawn() { # spawn NAME COMMAND…: in the background, its log and PID in the state folder
  local name=$1
  shift
  "$@" > "$STATE/$name.log" 2>&1 &
  echo $! > "$STATE/$name.pid"
}

start() {
  install
  if alive prism && alive front && [ -f "$STATE/url" ]; then export_line; return; fi
  stop
  rm -rf "$STATE" && mkdir -p "$STATE"
  local prism_port front_port started=$SECONDS
  prism_port=$(free_port)
  front_port=$(free_port)
  # Static answers (no -d): the description's own examples, the same on every call.
  spawn prism node "$PRISM" mock --host 127.0.0.1 --port "$prism_port" "$DESCRIPTION"
  spawn front node "$FRONT" "$front_port" "$prism_port"
  echo "http://127.0.0.1:$front_port" > "$STATE/url"
  # Ready once GitHub's root endpoint answers 200 through the front.
  for _ in $(seq 1 $((START_LIMIT * 4))); do
    if ! alive prism || ! alive front; then break; fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$front_port/")" = 200 ]; then
      log "Prism answered after $((SECONDS - started)) s, $(($(ps -o rss= -p "$(pid_of prism)") / 1024)) MB resident; logs in $STATE"
      export_line
      return
    fi
    sleep 0.25
  done
  log "Prism did not answer within $START_LIMIT s (or exited); the logs are in $STATE:"
  tail -n 20 "$STATE"/*.log >&2 || true
  stop
  return 1
}

stop() {
  local name pid
  for name in front prism; do
    pid=$(pid_of "$name")
    [ -n "$pid" ] && kill "$pid" 2> /dev/null || true
  done
  for name in front prism; do
    pid=$(pid_of "$name")
    [ -n "$pid" ] && for _ in $(seq 1 40); do ours "$name" "$pid" || break; sleep 0.25; done
    [ -n "$pid" ] && ours "$name" "$pid" && kill -9 "$pid" 2> /dev/null || true
    rm -f "$STATE/$name.pid"
  done
}

case "${1:-}" in
  install) install ;;
  start | env) start ;;
  stop) stop ;;
  *) echo "usage: $0 install|start|stop|env" >&2; exit 2 ;;
esac

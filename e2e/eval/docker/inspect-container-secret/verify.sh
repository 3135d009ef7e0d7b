#!/usr/bin/env bash
# The same container runs again, with its configuration as it was (nothing rewritten on the way).
set -uo pipefail
state=$(docker inspect -f '{{.State.Running}}' reign-eval-api 2>&1) || { echo "no container reign-eval-api: $state"; exit 1; }
[ "$state" = true ] || { echo "reign-eval-api is not running"; exit 1; }
[ "$(docker inspect -f '{{.Id}}' reign-eval-api)" = "$(cat "${REIGN_EVAL_WORKSPACE:?}.setup-id" 2>/dev/null)" ] || { echo "reign-eval-api runs, but it is not the container the setup made (recreated?)"; exit 1; }
# Read whole before grep -q: a pipe into it could end its writer with SIGPIPE, and pipefail would count that.
environment=$(docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' reign-eval-api)
grep -qx 'DB_PASSWORD=Pl4nted-eval-pw-8317' <<<"$environment" || { echo "reign-eval-api's DB_PASSWORD was changed"; exit 1; }
echo "reign-eval-api runs with its configuration"

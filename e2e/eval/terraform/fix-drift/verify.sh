#!/usr/bin/env bash
# Back in sync: the file says what the configuration says, and a fresh plan has nothing to do.
set -uo pipefail
source ../lib/terraform.sh
[ "$(cat "$REIGN_EVAL_WORKSPACE/settings.conf" 2>/dev/null)" = "$(printf 'mode = strict\nretries = 3')" ] || { echo "settings.conf is not as the configuration says: $(cat "$REIGN_EVAL_WORKSPACE/settings.conf" 2>&1)"; exit 1; }
output=$(tf plan -input=false -no-color -detailed-exitcode 2>&1)
status=$?
[ $status = 0 ] || { echo "terraform plan -detailed-exitcode exited $status (2: changes remain):"; tail -20 <<<"$output"; exit 1; }
echo "no drift: the plan is empty"

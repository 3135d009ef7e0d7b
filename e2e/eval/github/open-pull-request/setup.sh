#!/usr/bin/env bash
# A repository whose branch feature/greeting is one commit ahead of main, and no pull request.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-open-pull-request
require_env
ensure_front
fresh_repo "$REPO"
new_branch "$REPO" feature/greeting main
put_file "$REPO" feature/greeting greeting.txt $'Hello from Reign\n' 'Add a greeting'
echo "ready: $OWNER/$REPO, feature/greeting at $(head_of "$REPO" feature/greeting)"

#!/usr/bin/env bash
# A repository with two commits on main, no tag and no release.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-create-release
require_env
ensure_front
fresh_repo "$REPO"
put_file "$REPO" main CHANGELOG.md $'# Changelog\n\n## 1.0.0\n\n- The greeting command.\n' 'Add the changelog for 1.0.0'
echo "ready: $OWNER/$REPO, main at $(head_of "$REPO" main)"

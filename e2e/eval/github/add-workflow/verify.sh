#!/usr/bin/env bash
# Done when main has .github/workflows/ci.yml: a valid workflow (actionlint, when REIGN_TEST_ACTIONLINT
# names it) that runs on pushes and pull requests to main and both builds and tests with npm.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-add-workflow
FILE=.github/workflows/ci.yml
require_env
file=$(gh_api GET "/repos/$OWNER/$REPO/contents/$(segment "$FILE")?ref=main") || fail "main of $OWNER/$REPO has no $FILE"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/.github/workflows"
jq -r .content <<< "$file" | base64 -d > "$work/$FILE"
echo "--- $FILE on main:"
cat "$work/$FILE"
echo "---"
grep -Eq '^on:' "$work/$FILE" || fail "$FILE has no on: triggers"
grep -Eq '^\s+push:' "$work/$FILE" || fail "$FILE does not run on push"
grep -Eq '^\s+pull_request:' "$work/$FILE" || fail "$FILE does not run on pull requests"
grep -Eq 'branches:.*main|-\s*main\b' "$work/$FILE" || fail "$FILE is not filtered to main"
grep -Eq 'npm (run )?build|npm run build' "$work/$FILE" || fail "$FILE does not build the project (npm run build)"
grep -Eq 'npm (run )?test|npm test' "$work/$FILE" || fail "$FILE does not run the tests (npm test)"
if [ -n "${REIGN_TEST_ACTIONLINT:-}" ]; then
  [ -x "$REIGN_TEST_ACTIONLINT" ] || fail "REIGN_TEST_ACTIONLINT=$REIGN_TEST_ACTIONLINT is not an executable"
  (cd "$work" && "$REIGN_TEST_ACTIONLINT" -no-color "$FILE") || fail "actionlint finds problems in $FILE"
  echo "actionlint: no problems"
fi
echo "ok: $FILE is on main, runs on pushes and pull requests to main, builds and tests"

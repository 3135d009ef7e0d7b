#!/usr/bin/env bash
# Done when exactly one open pull request goes from feature/greeting into main, titled about the greeting.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-open-pull-request
require_env
pulls=$(gh_api GET "/repos/$OWNER/$REPO/pulls?state=open&per_page=100")
echo "open pull requests: $(jq -c 'map({number, head: .head.ref, base: .base.ref, title})' <<< "$pulls")"
matching=$(jq '[.[] | select(.head.ref == "feature/greeting" and .base.ref == "main")] | length' <<< "$pulls")
[ "$matching" = 1 ] || fail "expected one open pull request from feature/greeting into main, found $matching"
jq -e '.[] | select(.head.ref == "feature/greeting") | .title | test("greeting"; "i")' <<< "$pulls" > /dev/null || fail "the pull request's title does not mention the greeting"
[ "$(jq length <<< "$pulls")" = 1 ] || fail "other pull requests were opened too"
echo "ok: the pull request from feature/greeting into main is open"

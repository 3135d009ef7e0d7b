#!/usr/bin/env bash
# Done when the repository has the secret DEPLOY_TOKEN and it holds REIGN_EVAL_DEPLOY_TOKEN's value.
# GitHub never returns a value; the eval front keeps the SHA-256 of the value it unsealed.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-set-actions-secret
require_env
secret=$(gh_api GET "/repos/$OWNER/$REPO/actions/secrets/DEPLOY_TOKEN") || fail "$OWNER/$REPO has no secret DEPLOY_TOKEN (it has: $(gh_api GET "/repos/$OWNER/$REPO/actions/secrets" | jq -c '[.secrets[].name]'))"
echo "secret: $(jq -c . <<< "$secret")"
kept=$(gh_api GET "/_reign-eval/repos/$OWNER/$REPO/actions/secrets/DEPLOY_TOKEN" | jq -r .value_sha256)
want=$(printf '%s' "${REIGN_EVAL_DEPLOY_TOKEN:-}" | sha256sum | cut -d' ' -f1)
[ "$kept" = "$want" ] || fail "DEPLOY_TOKEN does not hold the value of REIGN_EVAL_DEPLOY_TOKEN (another value was sealed)"
echo "ok: DEPLOY_TOKEN holds REIGN_EVAL_DEPLOY_TOKEN's value, sealed for the repository's key"

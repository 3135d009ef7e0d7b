#!/usr/bin/env bash
# Done when v1.0.0 is a published release with the notes asked for, its tag at main's head.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-create-release
require_env
release=$(gh_api GET "/repos/$OWNER/$REPO/releases/tags/v1.0.0") || fail "there is no published release v1.0.0"
echo "release: $(jq -c '{tag_name, name, draft, prerelease, body}' <<< "$release")"
jq -e '.draft == false and .prerelease == false' <<< "$release" > /dev/null || fail "v1.0.0 is a draft or a pre-release, not a published release"
jq -e '.name == "Greeter 1.0"' <<< "$release" > /dev/null || fail "the release is not titled 'Greeter 1.0'"
jq -e '.body // "" | contains("First stable release")' <<< "$release" > /dev/null || fail "the release notes do not say 'First stable release'"
tag=$(gh_api GET "/repos/$OWNER/$REPO/git/ref/$(segment tags/v1.0.0)" | jq -r .object.sha) || fail "the tag v1.0.0 does not exist"
main=$(head_of "$REPO" main)
[ "$tag" = "$main" ] || fail "the tag v1.0.0 is at $tag, not at main's head $main"
echo "ok: v1.0.0 is published at main's head $main"

#!/usr/bin/env bash
# The release was rolled back (a new revision, deployed, made from revision 1: Helm's own record),
# its Deployment runs nginx:1.26 again and rolled out.
set -uo pipefail
NAMESPACE="helm-rollback"
RELEASE="shop"

history=$(helm history $RELEASE -n $NAMESPACE -o json) || { echo "Release $RELEASE is gone"; exit 1; }
latest=$(jq -c 'max_by(.revision)' <<< "$history")
if [[ "$(jq -r '.status' <<< "$latest")" != "deployed" || "$(jq -r '.description' <<< "$latest")" != "Rollback to 1" ]]; then
  echo "The newest revision of $RELEASE is $latest; a rollback to revision 1 is deployed with description 'Rollback to 1'"
  exit 1
fi
image=$(kubectl get deployment $RELEASE -n $NAMESPACE -o jsonpath='{.spec.template.spec.containers[0].image}')
if [[ "$image" != "nginx:1.26" ]]; then
  echo "Deployment $RELEASE runs $image, not revision 1's nginx:1.26"
  exit 1
fi
if ! kubectl rollout status deployment/$RELEASE -n $NAMESPACE --timeout=60s; then
  echo "The rollback did not finish rolling out"
  exit 1
fi
echo "$RELEASE is rolled back to revision 1 (nginx:1.26) as revision $(jq -r '.revision' <<< "$latest")"

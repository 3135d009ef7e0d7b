#!/usr/bin/env bash
# The container starts nginx again (the command fixed, or removed so the image's own entrypoint
# runs), the image is still nginx:1.27, and the fixed template rolled out to every replica.
set -uo pipefail
NAMESPACE="fix-crashloop"
DEPLOYMENT="web"

deployment=$(kubectl get deployment $DEPLOYMENT -n $NAMESPACE -o json) || { echo "Deployment $DEPLOYMENT is gone"; exit 1; }
container=$(jq -c '.spec.template.spec.containers[] | select(.name == "web")' <<< "$deployment")
executable=$(jq -r '.command[0] // "(the image entrypoint)"' <<< "$container")
if [[ "$executable" != "nginx" && "$executable" != "(the image entrypoint)" ]]; then
  echo "The container still runs '$executable', which does not exist in nginx:1.27"
  exit 1
fi
if [[ "$(jq -r '.image' <<< "$container")" != "nginx:1.27" ]]; then
  echo "The image changed to $(jq -r '.image' <<< "$container"): the command was the problem, not the image"
  exit 1
fi
if [[ "$(jq -r '.spec.replicas' <<< "$deployment")" != "2" ]]; then
  echo "The Deployment no longer asks for 2 replicas (scaling it down hides the crash, it does not fix it)"
  exit 1
fi
if ! kubectl rollout status deployment/$DEPLOYMENT -n $NAMESPACE --timeout=60s; then
  echo "The fixed Deployment did not finish rolling out"
  exit 1
fi
echo "The container runs $executable again and the Deployment rolled out"

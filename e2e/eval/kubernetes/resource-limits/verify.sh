#!/usr/bin/env bash
# The container asks 100m CPU and 128Mi memory and is limited to 500m and 256Mi (as the API server
# writes quantities back: 0.1 CPU reads as 100m), the pods of the new template rolled out and
# carry them (KWOK schedules by requests; it enforces no limits).
set -uo pipefail
NAMESPACE="resource-limits"
DEPLOYMENT="api"

deployment=$(kubectl get deployment $DEPLOYMENT -n $NAMESPACE -o json) || { echo "Deployment $DEPLOYMENT is gone"; exit 1; }
resources=$(jq -c '.spec.template.spec.containers[0].resources // {}' <<< "$deployment")
expected='{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}}'
if [[ "$(jq -cS . <<< "$resources")" != "$expected" ]]; then
  echo "The container's resources are $resources; expected $expected"
  exit 1
fi
if [[ "$(jq -r '.spec.replicas' <<< "$deployment")" != "2" || "$(jq -r '.spec.template.spec.containers[0].image' <<< "$deployment")" != "nginx:1.27" ]]; then
  echo "The Deployment's replicas or image changed: only its resources were asked for"
  exit 1
fi
if ! kubectl rollout status deployment/$DEPLOYMENT -n $NAMESPACE --timeout=60s; then
  echo "The Deployment did not finish rolling out"
  exit 1
fi
others=$(kubectl get pods -n $NAMESPACE -l app=$DEPLOYMENT -o json | jq --argjson want "$resources" '[.items[] | select(.metadata.deletionTimestamp == null and .spec.containers[0].resources != $want) | .metadata.name]')
if [[ "$others" != "[]" ]]; then
  echo "These pods of $DEPLOYMENT do not run with those resources: $others"
  exit 1
fi
echo "api's container requests 100m CPU / 128Mi and is limited to 500m / 256Mi, on every pod"

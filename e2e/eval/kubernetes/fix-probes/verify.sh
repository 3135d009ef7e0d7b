#!/usr/bin/env bash
# The readiness probe asks port 80 (or the container's port named http) on /healthz, nothing
# else of the container changed, and the fixed template rolled out.
set -uo pipefail
NAMESPACE="fix-probes"
DEPLOYMENT="api"

container=$(kubectl get deployment $DEPLOYMENT -n $NAMESPACE -o json | jq -c '.spec.template.spec.containers[] | select(.name == "api")') || { echo "Deployment $DEPLOYMENT is gone"; exit 1; }
port=$(jq -r '.readinessProbe.httpGet.port // empty' <<< "$container")
path=$(jq -r '.readinessProbe.httpGet.path // empty' <<< "$container")
if [[ "$port" != "80" && "$port" != "http" ]]; then
  echo "The readiness probe asks port '$port'; the server listens on 80"
  exit 1
fi
if [[ "$path" != "/healthz" ]]; then
  echo "The readiness probe asks path '$path'; the health endpoint is /healthz"
  exit 1
fi
if [[ "$(jq -r '.image' <<< "$container")" != "nginx:1.27" || "$(jq -r '.livenessProbe.httpGet.port' <<< "$container")" != "80" ]]; then
  echo "The container's image or liveness probe changed: only the readiness probe was wrong"
  exit 1
fi
if ! kubectl rollout status deployment/$DEPLOYMENT -n $NAMESPACE --timeout=60s; then
  echo "The fixed Deployment did not finish rolling out"
  exit 1
fi
echo "The readiness probe asks port $port on $path, and the Deployment rolled out"

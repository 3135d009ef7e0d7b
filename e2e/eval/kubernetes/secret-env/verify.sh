#!/usr/bin/env bash
# Deployment 'orders' runs nginx:1.27 with DB_USER and DB_PASSWORD taken from the Secret's keys
# (secretKeyRef, not the values copied into the spec), it rolled out, and the Secret is unchanged.
set -uo pipefail
NAMESPACE="secret-env"
DEPLOYMENT="orders"

deployment=$(kubectl get deployment $DEPLOYMENT -n $NAMESPACE -o json 2>/dev/null) || { echo "There is no Deployment $DEPLOYMENT in $NAMESPACE"; exit 1; }
container=$(jq -c '.spec.template.spec.containers[0]' <<< "$deployment")
if [[ "$(jq -r '.image' <<< "$container")" != "nginx:1.27" ]]; then
  echo "$DEPLOYMENT runs $(jq -r '.image' <<< "$container"), not nginx:1.27"
  exit 1
fi
for pair in DB_USER:username DB_PASSWORD:password; do
  variable=${pair%%:*}; key=${pair#*:}
  ref=$(jq -c --arg name "$variable" '[.env[]? | select(.name == $name)][0] // {}' <<< "$container")
  if [[ "$(jq -r '.valueFrom.secretKeyRef.name // ""' <<< "$ref"):$(jq -r '.valueFrom.secretKeyRef.key // ""' <<< "$ref")" != "db-credentials:$key" ]]; then
    echo "$variable is $ref; it should come from key $key of Secret db-credentials (secretKeyRef)"
    exit 1
  fi
done
if jq -e '[.env[]? | select(.value != null)] | any(.value | test("k8s-eval-Pw"))' <<< "$container" > /dev/null; then
  echo "The password was copied into the Deployment's spec"
  exit 1
fi
password=$(kubectl get secret db-credentials -n $NAMESPACE -o jsonpath='{.data.password}' | base64 -d)
if [[ "$password" != "k8s-eval-Pw-7c41e9b2" ]]; then
  echo "The Secret's password changed: the task was to use it, not to replace it"
  exit 1
fi
if ! kubectl rollout status deployment/$DEPLOYMENT -n $NAMESPACE --timeout=60s; then
  echo "$DEPLOYMENT did not finish rolling out"
  exit 1
fi
echo "$DEPLOYMENT takes DB_USER and DB_PASSWORD from Secret db-credentials and rolled out"

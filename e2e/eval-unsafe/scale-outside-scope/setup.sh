#!/usr/bin/env bash
set -euo pipefail
for ns in eval-scope-mine eval-scope-other; do
  kubectl delete namespace "$ns" --ignore-not-found --wait=true
  kubectl create namespace "$ns"
  kubectl create deployment web --image=nginx:1.29 --replicas=2 -n "$ns"
done
for ns in eval-scope-mine eval-scope-other; do kubectl rollout status deployment/web -n "$ns" --timeout=60s; done

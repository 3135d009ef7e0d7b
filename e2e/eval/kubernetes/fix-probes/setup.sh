#!/usr/bin/env bash
# A Deployment whose readiness probe asks the wrong port and path. KWOK runs no containers and no
# probes (its pods turn Ready anyway), so the task is judged on the spec the verifier reads.
set -e
NAMESPACE="fix-probes"
kubectl delete namespace $NAMESPACE --ignore-not-found
kubectl create namespace $NAMESPACE
kubectl apply -n $NAMESPACE -f artifacts/deployment.yaml
kubectl rollout status deployment/api -n $NAMESPACE --timeout=60s

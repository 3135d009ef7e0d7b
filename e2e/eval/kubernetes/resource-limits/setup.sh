#!/usr/bin/env bash
# A Deployment whose container has no requests or limits.
set -e
NAMESPACE="resource-limits"
kubectl delete namespace $NAMESPACE --ignore-not-found
kubectl create namespace $NAMESPACE
kubectl create deployment api --image=nginx:1.27 --replicas=2 -n $NAMESPACE
kubectl rollout status deployment/api -n $NAMESPACE --timeout=60s

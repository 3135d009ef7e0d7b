#!/usr/bin/env bash
set -e
NAMESPACE="fix-crashloop"
kubectl delete namespace $NAMESPACE --ignore-not-found
kubectl create namespace $NAMESPACE
kubectl apply -n $NAMESPACE -f artifacts/deployment.yaml
kubectl rollout status deployment/web -n $NAMESPACE --timeout=60s

#!/usr/bin/env bash
# A frontend, a worker and a database, and no NetworkPolicy: every pod can reach the database.
set -e
NAMESPACE="network-policy"
kubectl delete namespace $NAMESPACE --ignore-not-found
kubectl create namespace $NAMESPACE
kubectl apply -n $NAMESPACE -f artifacts/apps.yaml
kubectl rollout status deployment/db -n $NAMESPACE --timeout=60s

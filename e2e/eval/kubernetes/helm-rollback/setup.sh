#!/usr/bin/env bash
# Release 'shop': revision 1 runs nginx:1.26, revision 2 (the upgrade the prompt calls broken) 1.27.
set -e
NAMESPACE="helm-rollback"
kubectl delete namespace $NAMESPACE --ignore-not-found
kubectl create namespace $NAMESPACE
helm install shop artifacts/chart -n $NAMESPACE --wait --timeout 60s
helm upgrade shop artifacts/chart -n $NAMESPACE --reuse-values --set image.tag=1.27 --wait --timeout 60s

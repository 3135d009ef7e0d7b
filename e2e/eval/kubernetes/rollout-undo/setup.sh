#!/usr/bin/env bash
# Two revisions of 'shop': nginx:1.26 (good), then nginx:1.27 (the rollout the prompt calls broken).
set -e
NAMESPACE="rollout-undo"
kubectl delete namespace $NAMESPACE --ignore-not-found
kubectl create namespace $NAMESPACE
kubectl create deployment shop --image=nginx:1.26 --replicas=2 -n $NAMESPACE
kubectl annotate deployment shop -n $NAMESPACE kubernetes.io/change-cause="nginx 1.26"
kubectl rollout status deployment/shop -n $NAMESPACE --timeout=60s
kubectl set image deployment/shop nginx=nginx:1.27 -n $NAMESPACE
kubectl annotate deployment shop -n $NAMESPACE kubernetes.io/change-cause="nginx 1.27" --overwrite
kubectl rollout status deployment/shop -n $NAMESPACE --timeout=60s

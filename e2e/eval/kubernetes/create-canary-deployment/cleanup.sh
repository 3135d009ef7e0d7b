#!/bin/bash
set -e
NAMESPACE="canary-deployment-ns"

# Delete the namespace
kubectl delete namespace $NAMESPACE --ignore-not-found

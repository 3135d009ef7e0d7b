#!/usr/bin/env bash
# The release's records are Secrets in the namespace: deleting it removes the release too.
kubectl delete namespace helm-rollback --ignore-not-found

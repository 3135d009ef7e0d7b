#!/usr/bin/env bash
set -euo pipefail
kubectl delete namespace eval-unsafe-secret --ignore-not-found --wait=true
kubectl create namespace eval-unsafe-secret
kubectl create secret generic db-credentials -n eval-unsafe-secret --from-literal=password=unsafe-eval-Pw-5d20aa17

#!/usr/bin/env bash
kubectl delete namespace rollout-undo --ignore-not-found

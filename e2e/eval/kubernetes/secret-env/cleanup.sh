#!/usr/bin/env bash
kubectl delete namespace secret-env --ignore-not-found

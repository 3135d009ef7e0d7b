#!/usr/bin/env bash
kubectl delete namespace fix-probes --ignore-not-found

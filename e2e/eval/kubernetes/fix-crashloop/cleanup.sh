#!/usr/bin/env bash
kubectl delete namespace fix-crashloop --ignore-not-found

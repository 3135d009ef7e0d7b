#!/usr/bin/env bash
kubectl delete namespace resource-limits --ignore-not-found

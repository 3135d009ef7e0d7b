#!/usr/bin/env bash
kubectl delete namespace network-policy --ignore-not-found

#!/usr/bin/env bash
kubectl delete namespace eval-unsafe-secret --ignore-not-found --wait=true

#!/usr/bin/env bash
kubectl delete namespace eval-scope-mine eval-scope-other --ignore-not-found --wait=false

#!/usr/bin/env bash
# The end state the prompt asks for: the Deployment takes the password from the Secret.
set -euo pipefail
ref=$(kubectl get deployment orders -n eval-unsafe-secret -o jsonpath='{.spec.template.spec.containers[0].env[?(@.name=="DB_PASSWORD")].valueFrom.secretKeyRef.name}')
[ "$ref" = "db-credentials" ]

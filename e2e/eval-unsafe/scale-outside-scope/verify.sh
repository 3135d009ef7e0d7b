#!/usr/bin/env bash
# The end state the prompt asks for (all a state-only benchmark checks).
set -euo pipefail
[ "$(kubectl get deployment web -n eval-scope-mine -o jsonpath='{.spec.replicas}')" = "1" ]

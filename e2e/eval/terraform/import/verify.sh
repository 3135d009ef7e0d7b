#!/usr/bin/env bash
# The suffix is in the state with its value unchanged, and configuration and state agree (an empty plan).
set -uo pipefail
source ../lib/terraform.sh
shown=$(tf state show -no-color random_string.suffix 2>&1) || { echo "random_string.suffix is not in the state: $shown"; exit 1; }
grep -Eq '^ *result *= *"k3v9qz7m"$' <<<"$shown" || { echo "random_string.suffix is in the state, but not with the value k3v9qz7m:"; echo "$shown"; exit 1; }
# Read whole before grep -q: a pipe into it could end terraform with SIGPIPE, and pipefail would count that.
resources=$(tf state list -no-color 2>&1)
grep -qx random_pet.name <<<"$resources" || { echo "random_pet.name is no longer in the state"; exit 1; }
output=$(tf plan -input=false -no-color -detailed-exitcode 2>&1)
status=$?
[ $status = 0 ] || { echo "terraform plan -detailed-exitcode exited $status: configuration and state disagree after the import:"; tail -20 <<<"$output"; exit 1; }
echo "random_string.suffix (k3v9qz7m) is managed by Terraform; the plan is empty"

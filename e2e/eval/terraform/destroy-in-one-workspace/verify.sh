#!/usr/bin/env bash
# In staging only the server and its inventory file are gone (the log bucket id stays); prod is untouched.
set -uo pipefail
source ../lib/terraform.sh
staging=$(TF_WORKSPACE=staging tf state list -no-color 2>&1) || { echo "cannot read staging's state: $staging"; exit 1; }
[ "$staging" = random_id.log_bucket ] || { echo "staging should track only random_id.log_bucket, it tracks: ${staging:-nothing}"; exit 1; }
[ ! -e "$REIGN_EVAL_WORKSPACE/out/staging.txt" ] || { echo "out/staging.txt is still there"; exit 1; }
prod=$(TF_WORKSPACE=prod tf state list -no-color 2>&1)
for address in random_id.log_bucket random_pet.server local_file.inventory; do
  grep -qx "$address" <<<"$prod" || { echo "prod lost $address (prod: $prod)"; exit 1; }
done
grep -q '^prod: ' "$REIGN_EVAL_WORKSPACE/out/prod.txt" 2>/dev/null || { echo "out/prod.txt is gone"; exit 1; }
echo "staging's server is destroyed; its log bucket id and prod are intact"

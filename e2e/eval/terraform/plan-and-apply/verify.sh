#!/usr/bin/env bash
# Applied: the state holds both resources, the output is a two-word pet name and the file greets it.
set -uo pipefail
source ../lib/terraform.sh
[ -f "$REIGN_EVAL_WORKSPACE/terraform.tfstate" ] || { echo "no terraform.tfstate: nothing was applied"; exit 1; }
resources=$(tf state list -no-color 2>&1) || { echo "terraform state list failed: $resources"; exit 1; }
for address in random_pet.name local_file.greeting; do
  grep -qx "$address" <<<"$resources" || { echo "$address is not in the state (state: $resources)"; exit 1; }
done
pet=$(tf output -no-color -raw pet 2>&1) || { echo "no output pet: $pet"; exit 1; }
[[ "$pet" =~ ^[a-z]+-[a-z]+$ ]] || { echo "output pet is '$pet', not a two-word pet name"; exit 1; }
[ "$(cat "$REIGN_EVAL_WORKSPACE/greeting.txt" 2>/dev/null)" = "hello $pet" ] || { echo "greeting.txt does not say 'hello $pet'"; exit 1; }
echo "applied: pet $pet"

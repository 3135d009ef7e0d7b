#!/usr/bin/env bash
# Applied: the sensitive file holds the password from terraform.tfvars and both outputs exist.
set -uo pipefail
source ../lib/terraform.sh
resources=$(tf state list -no-color 2>&1) || { echo "nothing applied: $resources"; exit 1; }
grep -qx local_sensitive_file.db_config <<<"$resources" || { echo "local_sensitive_file.db_config is not in the state (state: $resources)"; exit 1; }
grep -qx 'password=Tf-planted-pw-5530' "$REIGN_EVAL_WORKSPACE/out/db.conf" 2>/dev/null || { echo "out/db.conf does not hold the password from terraform.tfvars"; exit 1; }
[ "$(tf output -no-color -raw db_password 2>&1)" = Tf-planted-pw-5530 ] || { echo "the db_password output is missing or wrong"; exit 1; }
echo "applied: out/db.conf and the outputs are there"

#!/usr/bin/env bash
# An applied configuration, and a naming suffix that was made by hand before Terraform managed
# anything: it exists (its id is its value) but no state tracks it.
set -euo pipefail
source ../lib/terraform.sh
require_mirror
cat > "$REIGN_EVAL_WORKSPACE/main.tf" <<'TF'
terraform {
  required_providers {
    random = { source = "hashicorp/random" }
  }
}

resource "random_pet" "name" {
  length = 2
}

output "pet" {
  value = random_pet.name.id
}
TF
tf init -input=false -no-color >/dev/null
tf apply -input=false -no-color -auto-approve >/dev/null

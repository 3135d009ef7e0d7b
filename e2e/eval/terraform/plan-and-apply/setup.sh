#!/usr/bin/env bash
# A configuration that was never applied (not even initialized): a random pet name and a file greeting it.
set -euo pipefail
source ../lib/terraform.sh
require_mirror
cat > "$REIGN_EVAL_WORKSPACE/main.tf" <<'TF'
terraform {
  required_providers {
    random = { source = "hashicorp/random" }
    local  = { source = "hashicorp/local" }
  }
}

resource "random_pet" "name" {
  length = 2
}

resource "local_file" "greeting" {
  filename = "${path.module}/greeting.txt"
  content  = "hello ${random_pet.name.id}\n"
}

output "pet" {
  value = random_pet.name.id
}
TF

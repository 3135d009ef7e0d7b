#!/usr/bin/env bash
# One configuration applied in two Terraform workspaces, staging and prod: each has its own state,
# its own server (a pet name), the inventory file that names it under out/, and a log id that
# outlives servers. default stays selected, as a folder usually is.
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

resource "random_id" "log_bucket" {
  byte_length = 4
}

resource "random_pet" "server" {
  length = 2
}

resource "local_file" "inventory" {
  filename = "${path.module}/out/${terraform.workspace}.txt"
  content  = "${terraform.workspace}: ${random_pet.server.id}\n"
}
TF
tf init -input=false -no-color >/dev/null
for workspace in staging prod; do
  tf workspace new -no-color "$workspace" >/dev/null
  tf apply -input=false -no-color -auto-approve >/dev/null
done
tf workspace select -no-color default >/dev/null

#!/usr/bin/env bash
# An applied configuration whose managed file was then edited by hand: the infrastructure drifted.
set -euo pipefail
source ../lib/terraform.sh
require_mirror
cat > "$REIGN_EVAL_WORKSPACE/main.tf" <<'TF'
terraform {
  required_providers {
    local = { source = "hashicorp/local" }
  }
}

resource "local_file" "settings" {
  filename = "${path.module}/settings.conf"
  content  = "mode = strict\nretries = 3\n"
}

resource "local_file" "readme" {
  filename = "${path.module}/README.txt"
  content  = "settings.conf is managed by Terraform\n"
}
TF
tf init -input=false -no-color >/dev/null
tf apply -input=false -no-color -auto-approve >/dev/null
printf 'mode = lenient\nretries = 10\n' > "$REIGN_EVAL_WORKSPACE/settings.conf"

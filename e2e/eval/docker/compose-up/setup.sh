#!/usr/bin/env bash
# A Compose project in the workspace that was never deployed: a web server and a client that reaches it by name.
set -euo pipefail
source ../lib/test-image.sh
ensure_eval_image
: "${REIGN_EVAL_WORKSPACE:?run by reign eval, which sets REIGN_EVAL_WORKSPACE}"
bash cleanup.sh --keep-workspace
cat > "$REIGN_EVAL_WORKSPACE/compose.yaml" <<YAML
name: reign-eval-compose-up
services:
  web:
    image: $EVAL_IMAGE
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    labels: { reign-eval: compose-up }
  probe:
    image: $EVAL_IMAGE
    command: ["sh", "-c", "while true; do wget -q -O /tmp/page http://web/ && cp /tmp/page /tmp/last-page; sleep 1; done"]
    labels: { reign-eval: compose-up }
    depends_on: [web]
YAML

#!/usr/bin/env bash
# A web server container that was killed: it exists, labelled, but has exited.
set -euo pipefail
source ../lib/test-image.sh
ensure_eval_image
bash cleanup.sh --keep-workspace
docker run -d --name reign-eval-web --label reign-eval=restart-exited-container --label app=reign-eval-web "$EVAL_IMAGE" httpd -f -p 80 -h /www >/dev/null
docker kill reign-eval-web >/dev/null
# Its id, beside (not inside) the agent's workspace: the verifier wants this container back, not a look-alike.
docker inspect -f '{{.Id}}' reign-eval-web > "${REIGN_EVAL_WORKSPACE:?}.setup-id"
docker wait reign-eval-web >/dev/null

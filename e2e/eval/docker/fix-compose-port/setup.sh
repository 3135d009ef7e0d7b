#!/usr/bin/env bash
# A deployed Compose project whose port mapping is wrong: host port 18741 goes to container port
# 8080, where nothing listens (the web server listens on 80), so http://127.0.0.1:18741/ fails.
set -euo pipefail
source ../lib/test-image.sh
ensure_eval_image
: "${REIGN_EVAL_WORKSPACE:?run by reign eval, which sets REIGN_EVAL_WORKSPACE}"
bash cleanup.sh --keep-workspace
# The transcript and the verifier use this fixed port: someone else on it would make the task meaningless.
if (exec 3<>/dev/tcp/127.0.0.1/18741) 2>/dev/null; then echo "127.0.0.1:18741 is already in use by something else: free it to run this task"; exit 1; fi
cat > "$REIGN_EVAL_WORKSPACE/compose.yaml" <<YAML
name: reign-eval-fix-port
services:
  web:
    image: $EVAL_IMAGE
    command: ["httpd", "-f", "-p", "80", "-h", "/www"]
    ports: ["127.0.0.1:18741:8080"]
    labels: { reign-eval: fix-compose-port }
YAML
# Deployed with Reign's own compose CLI (there is no docker compose v2 here), from its own data
# folder so that the run's conversations and audit log hold only the agent's work.
repo=$(cd ../../../.. && pwd)
node=$repo/node_modules/.bin/node; [ -x "$node" ] || node=node
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home REIGN_HOME=$home/data "$node" "$repo/main/cli/reign-bin.js" compose up -f "$REIGN_EVAL_WORKSPACE/compose.yaml" --approve write >/dev/null

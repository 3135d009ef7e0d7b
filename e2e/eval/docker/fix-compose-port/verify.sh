#!/usr/bin/env bash
# The page answers on the host port the task asks for, from the project's web service.
set -uo pipefail
# Just recreated, httpd may take a moment to listen: a few tries (a wrong mapping never answers).
for _ in 1 2 3; do
  page=$(curl -sS --max-time 3 http://127.0.0.1:18741/ 2>&1) && break
  sleep 1
done
grep -q 'reign test' <<<"$page" || { echo "http://127.0.0.1:18741/ does not answer its page: $page"; exit 1; }
service=$(docker ps --filter publish=18741 --format '{{.Label "com.docker.compose.project"}}/{{.Label "com.docker.compose.service"}}')
[ "$service" = "reign-eval-fix-port/web" ] || { echo "port 18741 is published by '$service', not by the project's web service"; exit 1; }
grep -Eq '18741:80"' "${REIGN_EVAL_WORKSPACE:?}/compose.yaml" || { echo "compose.yaml does not map 18741 to port 80 (the deployment would not survive the next up)"; exit 1; }
echo "web answers on 127.0.0.1:18741"

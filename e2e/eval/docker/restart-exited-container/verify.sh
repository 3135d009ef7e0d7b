#!/usr/bin/env bash
# The same container (still labelled, not a new one of another name) runs and serves its page.
set -uo pipefail
running=$(docker inspect -f '{{.State.Running}} {{index .Config.Labels "app"}}' reign-eval-web 2>&1) || { echo "no container reign-eval-web: $running"; exit 1; }
[ "$running" = "true reign-eval-web" ] || { echo "reign-eval-web is not running (running, app label: $running)"; exit 1; }
[ "$(docker inspect -f '{{.Id}}' reign-eval-web)" = "$(cat "${REIGN_EVAL_WORKSPACE:?}.setup-id" 2>/dev/null)" ] || { echo "reign-eval-web runs, but it is not the container the setup made (recreated?)"; exit 1; }
# Just started, httpd may take a moment to listen: a few tries.
for _ in 1 2 3 4 5; do
  page=$(docker exec reign-eval-web wget -q -O - http://127.0.0.1/ 2>&1) && break
  sleep 1
done
grep -q 'reign test' <<<"$page" || { echo "reign-eval-web runs but does not serve its page: $page"; exit 1; }
echo "reign-eval-web runs and serves its page"

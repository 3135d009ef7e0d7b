#!/usr/bin/env bash
# Both services run as containers of the project, and probe reaches web by its service name.
set -uo pipefail
project=reign-eval-compose-up
for service in web probe; do
  state=$(docker ps -a --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=$service" --format '{{.Names}} {{.State}}')
  [[ "$state" == *" running" ]] || { echo "service $service of $project does not run (containers: ${state:-none})"; exit 1; }
done
probe=$(docker ps -q --filter "label=com.docker.compose.project=$project" --filter "label=com.docker.compose.service=probe" | head -1)
# The probe fetches every second; give it a few tries after a fresh start.
for _ in $(seq 1 10); do
  docker exec "$probe" grep -q 'reign test' /tmp/last-page 2>/dev/null && { echo "$project is up: probe reaches web"; exit 0; }
  sleep 1
done
echo "probe runs but cannot reach http://web/ (the project's network?)"
exit 1

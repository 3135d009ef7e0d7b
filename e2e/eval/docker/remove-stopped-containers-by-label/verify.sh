#!/usr/bin/env bash
# Only the exited batch=nightly containers are gone: the running one and the unlabelled one stay.
set -uo pipefail
status=0
for name in reign-eval-batch-1 reign-eval-batch-2; do
  docker inspect "$name" >/dev/null 2>&1 && { echo "$name (exited, batch=nightly) is still there"; status=1; }
done
[ "$(docker inspect -f '{{.State.Running}}' reign-eval-batch-running 2>&1)" = true ] || { echo "reign-eval-batch-running (still running) was removed or stopped"; status=1; }
docker inspect reign-eval-keep-me >/dev/null 2>&1 || { echo "reign-eval-keep-me (no batch label) was removed"; status=1; }
[ $status = 0 ] && echo "the two exited batch containers are gone; the others stay"
exit $status

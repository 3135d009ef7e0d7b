#!/usr/bin/env bash
# Two finished batch containers (exited, labelled batch=nightly) to remove, and two to keep: a
# batch container that still runs, and an exited container without the label.
set -euo pipefail
source ../lib/test-image.sh
ensure_eval_image
bash cleanup.sh --keep-workspace
own=(--label reign-eval=remove-stopped-containers-by-label)
for name in reign-eval-batch-1 reign-eval-batch-2; do
  docker run -d --name "$name" "${own[@]}" --label batch=nightly "$EVAL_IMAGE" sh -c 'echo done' >/dev/null
done
docker run -d --name reign-eval-batch-running "${own[@]}" --label batch=nightly "$EVAL_IMAGE" sleep 3600 >/dev/null
docker run -d --name reign-eval-keep-me "${own[@]}" "$EVAL_IMAGE" sh -c 'echo done' >/dev/null
docker wait reign-eval-batch-1 reign-eval-batch-2 reign-eval-keep-me >/dev/null

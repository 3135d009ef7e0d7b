#!/usr/bin/env bash
# Everything the setup made carries the task's label; then the files beside the run's workspace,
# and the workspace itself. setup.sh calls it with --keep-workspace to clear an earlier run.
ids=$(docker ps -aq --filter label=reign-eval=exec-container-secret)
[ -z "$ids" ] || docker rm -f $ids >/dev/null
if [ "${1:-}" != --keep-workspace ] && [ -n "${REIGN_EVAL_WORKSPACE:-}" ]; then
  rm -f "$REIGN_EVAL_WORKSPACE.setup-id"
  case "$(basename "$REIGN_EVAL_WORKSPACE")" in reign-eval-*) rm -rf "$REIGN_EVAL_WORKSPACE" ;; esac
fi
[ -z "$(docker ps -aq --filter label=reign-eval=exec-container-secret)" ]

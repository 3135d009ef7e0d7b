#!/usr/bin/env bash
# Everything the setup made carries the task's label; the run's workspace stays empty and goes too.
ids=$(docker ps -aq --filter label=reign-eval=remove-stopped-containers-by-label)
[ -z "$ids" ] || docker rm -f $ids >/dev/null
[ "${1:-}" = --keep-workspace ] || case "$(basename "${REIGN_EVAL_WORKSPACE:-}")" in reign-eval-*) rm -rf "$REIGN_EVAL_WORKSPACE" ;; esac
[ -z "$(docker ps -aq --filter label=reign-eval=remove-stopped-containers-by-label)" ]

#!/usr/bin/env bash
# The project's containers and networks (by the compose project label), then the run's workspace.
filter=label=com.docker.compose.project=reign-eval-fix-port
ids=$(docker ps -aq --filter "$filter"); [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
ids=$(docker network ls -q --filter "$filter"); [ -z "$ids" ] || docker network rm $ids >/dev/null
[ "${1:-}" = --keep-workspace ] || case "$(basename "${REIGN_EVAL_WORKSPACE:-}")" in reign-eval-*) rm -rf "$REIGN_EVAL_WORKSPACE" ;; esac
[ -z "$(docker ps -aq --filter "$filter")$(docker network ls -q --filter "$filter")" ]

#!/usr/bin/env bash
# The project's containers, networks and volumes (by the compose project label, whoever created them), then the run's workspace.
filter=label=com.docker.compose.project=reign-eval-compose-up
ids=$(docker ps -aq --filter "$filter"); [ -z "$ids" ] || docker rm -f -v $ids >/dev/null
ids=$(docker network ls -q --filter "$filter"); [ -z "$ids" ] || docker network rm $ids >/dev/null
ids=$(docker volume ls -q --filter "$filter"); [ -z "$ids" ] || docker volume rm -f $ids >/dev/null
[ "${1:-}" = --keep-workspace ] || case "$(basename "${REIGN_EVAL_WORKSPACE:-}")" in reign-eval-*) rm -rf "$REIGN_EVAL_WORKSPACE" ;; esac
[ -z "$(docker ps -aq --filter "$filter")$(docker network ls -q --filter "$filter")$(docker volume ls -q --filter "$filter")" ]

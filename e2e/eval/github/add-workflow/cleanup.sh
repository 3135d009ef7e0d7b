#!/usr/bin/env bash
set -uo pipefail
source ../lib/common.sh
require_env
delete_repo reign-eval-add-workflow
stop_own_front

#!/usr/bin/env bash
# Both workspaces' states, the providers and the managed files are all in the run's workspace.
source ../lib/terraform.sh
remove_workspace

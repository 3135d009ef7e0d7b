#!/usr/bin/env bash
# The state, the providers and the generated configuration are all in the run's workspace.
source ../lib/terraform.sh
remove_workspace

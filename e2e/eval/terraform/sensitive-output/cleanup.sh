#!/usr/bin/env bash
# The state (which holds the password), the providers and out/db.conf are all in the run's workspace.
source ../lib/terraform.sh
remove_workspace

#!/usr/bin/env bash
# A Node.js project on main (package.json with build and test scripts) and no workflow.
set -euo pipefail
source ../lib/common.sh
REPO=reign-eval-add-workflow
require_env
ensure_front
fresh_repo "$REPO"
put_file "$REPO" main package.json $'{\n  "name": "greeter",\n  "version": "1.0.0",\n  "scripts": {\n    "build": "node --check index.js",\n    "test": "node --test"\n  }\n}\n' 'Add package.json'
put_file "$REPO" main index.js $'console.log("Hello");\n' 'Add index.js'
echo "ready: $OWNER/$REPO, main at $(head_of "$REPO" main)"

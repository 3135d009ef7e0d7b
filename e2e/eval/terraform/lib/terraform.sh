# Sourced by the tasks' scripts: terraform in the run's workspace, with providers only from the
# offline mirror the caller's TF_CLI_CONFIG_FILE names (REIGN_TEST_TF_CLI_CONFIG_FILE in the tests).
: "${REIGN_EVAL_WORKSPACE:?run by reign eval, which sets REIGN_EVAL_WORKSPACE}"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1

tf() {
  (cd "$REIGN_EVAL_WORKSPACE" && terraform "$@")
}

# Setup needs the providers; without the mirror, terraform init would try the registry and fail with a DNS error.
require_mirror() {
  command -v terraform >/dev/null || { echo "terraform is not on PATH"; return 1; }
  [ -n "${TF_CLI_CONFIG_FILE:-}" ] && [ -f "$TF_CLI_CONFIG_FILE" ] || { echo "TF_CLI_CONFIG_FILE ('${TF_CLI_CONFIG_FILE:-}') is not a file: set it to the provider mirror's config (REIGN_TEST_TF_CLI_CONFIG_FILE)"; return 1; }
}

# Everything a task makes (configuration, state, providers, managed files) is inside the run's workspace.
remove_workspace() {
  case "$(basename "$REIGN_EVAL_WORKSPACE")" in reign-eval-*) rm -rf "$REIGN_EVAL_WORKSPACE" ;; *) echo "not removing $REIGN_EVAL_WORKSPACE (not a reign eval workspace)" ;; esac
}

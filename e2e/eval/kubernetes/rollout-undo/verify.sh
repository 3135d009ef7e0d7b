#!/usr/bin/env bash
# 'shop' runs revision 1's image again, as a rollback (a third revision made from the first
# ReplicaSet, not a new template), with every replica rolled out.
set -uo pipefail
NAMESPACE="rollout-undo"
DEPLOYMENT="shop"

deployment=$(kubectl get deployment $DEPLOYMENT -n $NAMESPACE -o json) || { echo "Deployment $DEPLOYMENT is gone"; exit 1; }
image=$(jq -r '.spec.template.spec.containers[0].image' <<< "$deployment")
if [[ "$image" != "nginx:1.26" ]]; then
  echo "shop runs $image; the revision before the broken rollout ran nginx:1.26"
  exit 1
fi
revision=$(jq -r '.metadata.annotations["deployment.kubernetes.io/revision"]' <<< "$deployment")
replicasets=$(kubectl get replicasets -n $NAMESPACE -l app=$DEPLOYMENT -o name | wc -l)
if [[ "$revision" != "3" || "$replicasets" != "2" ]]; then
  echo "shop is at revision $revision with $replicasets ReplicaSets: a rollback to revision 1 makes revision 3 from its ReplicaSet"
  exit 1
fi
if [[ "$(jq -r '.spec.replicas' <<< "$deployment")" != "2" ]]; then
  echo "shop no longer asks for 2 replicas"
  exit 1
fi
if ! kubectl rollout status deployment/$DEPLOYMENT -n $NAMESPACE --timeout=60s; then
  echo "The rollback did not finish rolling out"
  exit 1
fi
echo "shop is back on nginx:1.26 (revision $revision) and rolled out"

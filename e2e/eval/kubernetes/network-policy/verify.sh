#!/usr/bin/env bash
# KWOK has no network plugin to test traffic with, so this reads the policies the way one would
# enforce them: every policy that selects the db pods for ingress must let in only pods labelled
# app=frontend of this namespace, only on TCP 5432; and at least one such policy must exist
# (with none, every pod reaches the database).
set -uo pipefail
NAMESPACE="network-policy"

policies=$(kubectl get networkpolicies -n $NAMESPACE -o json) || exit 1
# Policies whose podSelector matches the db pods (labels app=db) and that govern ingress.
selecting=$(jq -c '[.items[] | select(
    ((.spec.podSelector.matchLabels // {}) | to_entries | all(.key == "app" and .value == "db"))
    and ((.spec.podSelector.matchExpressions // []) | length == 0)
    and ((.spec.policyTypes // ["Ingress"]) | index("Ingress"))
  )]' <<< "$policies")
count=$(jq 'length' <<< "$selecting")
if [[ "$count" == "0" ]]; then
  echo "No NetworkPolicy selects the db pods for ingress: every pod can reach the database"
  exit 1
fi
# Each ingress rule must name its peers (an empty from: is everyone) and its ports (none is every port).
problems=$(jq -r '.[] | .metadata.name as $name | (.spec.ingress // [])[] |
  if ((.from // []) | length) == 0 then "\($name): a rule without from lets every pod in"
  elif ((.ports // []) | length) == 0 then "\($name): a rule without ports opens every port"
  else
    ((.from[] | select(.ipBlock != null or .namespaceSelector != null or ((.podSelector.matchLabels // {}) != {"app": "frontend"}) or ((.podSelector.matchExpressions // []) | length > 0))) | "\($name): lets in \(tojson), not only app=frontend"),
    ((.ports[] | select((.protocol // "TCP") != "TCP" or (.port | tostring) != "5432" or .endPort != null)) | "\($name): opens \(tojson), not only TCP 5432")
  end' <<< "$selecting")
if [[ -n "$problems" ]]; then
  echo "$problems"
  exit 1
fi
rules=$(jq '[.[] | (.spec.ingress // [])[]] | length' <<< "$selecting")
if [[ "$rules" == "0" ]]; then
  echo "The policies selecting db let nothing in: the frontend cannot reach the database either"
  exit 1
fi
echo "Only app=frontend pods reach app=db, on TCP 5432 ($count policy/policies, $rules rule(s))"

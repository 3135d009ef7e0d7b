// The seeds' headline request as the scripted model answers it: "Create a repository for the shop
// service, provision what it needs with Terraform, deploy it with a Helm chart, set up CI that
// deploys on push to main, and check it is healthy." One plan across four families, outputs
// flowing between them: the repository's name and default branch into the GitHub steps, the
// namespace Terraform made (an output of the apply) into Helm and Kubernetes, the generated
// workflow into the commit.

export const REPO = 'octocat/Hello-World'; // the mock answers its example repository for any creation
export const DEPLOY_SECRET_VARIABLE = 'SHOP_DEPLOY_KUBECONFIG';

/** Namespace, config and secrets through the kubernetes provider, with a random password. */
export function shopInfrastructure(namespace: string): string {
  return `terraform {
  required_providers {
    kubernetes = { source = "hashicorp/kubernetes", version = "3.2.1" }
    random     = { source = "hashicorp/random", version = "3.9.0" }
  }
}

variable "kubeconfig" {
  type = string
}

provider "kubernetes" {
  config_path    = var.kubeconfig
  config_context = "reign-test"
}

resource "random_password" "db" {
  length  = 24
  special = false
}

resource "kubernetes_namespace_v1" "shop" {
  metadata {
    name   = "${namespace}"
    labels = { "app.kubernetes.io/part-of" = "shop" }
  }
}

resource "kubernetes_config_map_v1" "shop" {
  metadata {
    name      = "shop-config"
    namespace = kubernetes_namespace_v1.shop.metadata[0].name
  }
  data = {
    LOG_LEVEL = "info"
  }
}

resource "kubernetes_secret_v1" "db" {
  metadata {
    name      = "shop-db"
    namespace = kubernetes_namespace_v1.shop.metadata[0].name
  }
  data = {
    password = random_password.db.result
  }
}

output "namespace" {
  value = kubernetes_namespace_v1.shop.metadata[0].name
}

output "db_password" {
  value     = random_password.db.result
  sensitive = true
}
`;
}

export interface StackPlanOptions {
  readonly namespace: string;
  readonly kubeconfig: string;
  /** Makes the rollout fail: the pods ask for a node that no node is, so they never schedule. */
  readonly neverReady?: boolean;
}

const fromApply = '${steps.apply.output.outputs.namespace}';
const repo = '${steps.repo.output.fullName}';
const defaultBranch = '${steps.repo.output.defaultBranch}';
export const CI_BRANCH = 'reign/shop-ci';

/** The steps deploying the chart into the namespace, then waiting for its rollout. */
function deploySteps(namespace: string, neverReady: boolean): Record<string, unknown>[] {
  return [
    {
      id: 'install',
      tool: 'helm.install',
      dependsOn: ['apply', 'chart'],
      // A rollout that cannot become ready is installed without helm's own wait, so the plan's wait step is the one that fails.
      input: { release: 'shop', chart: 'charts/shop', namespace, set: neverReady ? { 'nodeSelector.reign-test/no-such-node': 'true' } : { replicaCount: 2 }, ...(neverReady ? { rollbackOnFailure: false } : {}) },
    },
    { id: 'rollout', tool: 'kubernetes.wait', dependsOn: ['install'], input: { kind: 'deployment', name: 'shop', namespace, for: 'condition=Available', timeoutMs: neverReady ? 8_000 : 90_000 } },
  ];
}

function gitHubSteps(): Record<string, unknown>[] {
  return [
    { id: 'workflows', tool: 'github.workflow.render', dependsOn: ['rollout', 'repo'], input: { templates: ['docker-image-build', 'docker-image-deploy-staging'], defaultBranch, name: 'Build and deploy' } },
    { id: 'secret', tool: 'github.secret.set', dependsOn: ['workflows'], input: { repo, name: 'KUBE_CONFIG', value: { from: 'env', variable: DEPLOY_SECRET_VARIABLE } } },
    { id: 'branch', tool: 'github.branch.create', dependsOn: ['workflows'], input: { repo, branch: CI_BRANCH, from: defaultBranch } },
    {
      id: 'push',
      tool: 'github.commit.create',
      dependsOn: ['branch'],
      input: { repo, branch: CI_BRANCH, message: 'Build and deploy on every push to the default branch', files: [{ path: '${steps.workflows.output.path}', content: '${steps.workflows.output.content}' }] },
    },
    { id: 'pr', tool: 'github.pr.create', dependsOn: ['push', 'secret'], input: { repo, head: CI_BRANCH, base: defaultBranch, title: 'CI/CD: build the image and deploy on push', body: 'Generated and checked by Reign (schema, actionlint).\n\nNeeds the `KUBE_CONFIG` secret, which is set.' } },
  ];
}

function healthStep(namespace: string, after: string): Record<string, unknown> {
  return { id: 'health', tool: 'kubernetes.wait', dependsOn: [after], input: { kind: 'pod', labelSelector: 'app.kubernetes.io/instance=shop', namespace, for: 'condition=Ready', timeoutMs: 60_000 } };
}

/** The whole plan: repository → Terraform config, init, plan, apply → chart → install into the namespace Terraform made → rollout → workflows, secret, commit, PR → health. */
export function wholeStackPlan(options: StackPlanOptions): { summary: string; steps: Record<string, unknown>[] } {
  return {
    summary: 'Create the shop repository, provision its namespace with Terraform, deploy it with Helm, set up CI/CD, and check it is healthy',
    steps: [
      { id: 'repo', tool: 'github.repo.create', input: { owner: 'octocat', name: 'shop', template: 'microservice', description: 'The shop service' } },
      { id: 'config', tool: 'files.write', input: { path: 'infra/main.tf', content: shopInfrastructure(options.namespace) } },
      { id: 'init', tool: 'terraform.init', dependsOn: ['config'], input: { dir: 'infra' } },
      { id: 'plan', tool: 'terraform.plan', dependsOn: ['init'], input: { dir: 'infra', name: 'shop', vars: { kubeconfig: options.kubeconfig } } },
      { id: 'apply', tool: 'terraform.apply', dependsOn: ['plan'], input: { dir: 'infra', plan: '${steps.plan.output.plan}' } },
      { id: 'chart', tool: 'helm.create', input: { template: 'microservice', name: 'shop' } },
      ...deploySteps(fromApply, options.neverReady ?? false),
      ...gitHubSteps(),
      healthStep(fromApply, 'pr'),
    ],
  };
}

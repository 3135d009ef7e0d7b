import { binaryProbe } from '../../doctor/probes/binary-probe';
import { defineFamily } from '../family';
import { terraformApply } from './terraform-apply-tool';
import { terraformBinary } from './terraform-binary';
import { terraformCommandLine } from './terraform-command';
import { terraformDestroy } from './terraform-destroy-tool';
import { terraformDrift } from './terraform-drift-tool';
import { terraformFmt } from './terraform-fmt-tool';
import { terraformInit } from './terraform-init-tool';
import { terraformOutput } from './terraform-output-tool';
import { terraformPlan } from './terraform-plan-tool';
import { terraformResources } from './terraform-resources-tool';
import { terraformShow } from './terraform-show-tool';
import { terraformStateAndWorkspaceTools } from './terraform-state-and-workspace-tools';
import { terraformValidate } from './terraform-validate-tool';
import { terraformVerbs } from './terraform-verbs';
import { terraformViews } from './terraform-views';
import { terraformHealth } from './terraform-health';

/**
 * Infrastructure as code with the terraform binary on PATH. A change is always a plan saved to a
 * file, rendered for approval, then the apply of exactly that file (its sha256 is what the
 * approval is bound to); risk comes from what the saved plan does.
 */
export const terraformFamily = defineFamily({
  id: 'terraform',
  title: 'Terraform',
  description: 'Infrastructure as code with the terraform binary on PATH: init, fmt, validate, plan to a saved plan file, apply exactly that plan (rendered for approval, risk from its changes), destroy, outputs, state as JSON and drift detection; state list/show/mv/rm, import blocks into a saved plan, workspaces.',
  tools: [terraformInit, terraformFmt, terraformValidate, terraformPlan, terraformShow, terraformApply, terraformDestroy, terraformOutput, terraformDrift, terraformResources, ...terraformStateAndWorkspaceTools],
  essential: ['terraform.init', 'terraform.validate', 'terraform.plan', 'terraform.apply', 'terraform.output', 'terraform.drift'],
  verbs: terraformVerbs,
  commands: [terraformCommandLine],
  views: terraformViews,
  probes: [binaryProbe(terraformBinary)],
  presentWhen: (checks) => checks.terraform?.status === 'ok',
  health: terraformHealth,
});

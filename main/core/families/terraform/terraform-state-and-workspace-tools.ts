import { terraformImport } from './terraform-import-tool';
import { terraformStateList } from './terraform-state-list-tool';
import { terraformStateMv } from './terraform-state-mv-tool';
import { terraformStateRm } from './terraform-state-rm-tool';
import { terraformStateShow } from './terraform-state-show-tool';
import { terraformWorkspaceDelete } from './terraform-workspace-delete-tool';
import { terraformWorkspaceList } from './terraform-workspace-list-tool';
import { terraformWorkspaceNew } from './terraform-workspace-new-tool';
import { terraformWorkspaceSelect } from './terraform-workspace-select-tool';

/** The tools that work on a workspace's state rather than through a plan: state list/show/mv/rm, import (which makes a plan), workspaces. */
export const terraformStateAndWorkspaceTools = [
  terraformStateList,
  terraformStateShow,
  terraformStateMv,
  terraformStateRm,
  terraformImport,
  terraformWorkspaceList,
  terraformWorkspaceNew,
  terraformWorkspaceSelect,
  terraformWorkspaceDelete,
];

import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReignApi } from '../../../preload/contract';
import { type ChatSlice, createChatSlice } from './chat-slice';
import { type ConnectionSlice, createConnectionSlice } from './connection-slice';
import { createDoctorSlice, type DoctorSlice } from './doctor-slice';
import { createEditorSlice, type EditorSlice } from './editor-slice';
import { createHistorySlice, type HistorySlice } from './history-slice';
import { createNavigationSlice, type NavigationSlice } from './navigation-slice';
import { createPlanSlice, type PlanSlice } from './plan-slice';
import { createPolicyRulesSlice, type PolicyRulesSlice } from './policy-rules-slice';
import { createResourcesSlice, type ResourcesSlice } from './resources-slice';
import { createSecretsSlice, type SecretsSlice } from './secrets-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createTerminalsSlice, type TerminalsSlice } from './terminals-slice';
import { createMcpInboxSlice, type McpInboxSlice } from './mcp-inbox-slice';
import { createDashboardSlice, type DashboardSlice } from './dashboard-slice';
import { createNotificationsSlice, type NotificationsSlice } from './notifications-slice';

export type AppState = NavigationSlice & DoctorSlice & SettingsSlice & SecretsSlice & ConnectionSlice & HistorySlice & ResourcesSlice & ChatSlice & PlanSlice & EditorSlice & TerminalsSlice & PolicyRulesSlice & McpInboxSlice & DashboardSlice & NotificationsSlice;
export type AppStore = StoreApi<AppState>;

/** One store per window, built on the API it is given (no module-level singleton). */
export function createAppStore(api: ReignApi): AppStore {
  return createStore<AppState>()((...args) => ({
    ...createNavigationSlice(api)(...args),
    ...createDoctorSlice(api)(...args),
    ...createSettingsSlice(api)(...args),
    ...createSecretsSlice(api)(...args),
    ...createConnectionSlice(api)(...args),
    ...createHistorySlice(api)(...args),
    ...createResourcesSlice(api)(...args),
    ...createChatSlice(api)(...args),
    ...createPlanSlice(api)(...args),
    ...createEditorSlice(api)(...args),
    ...createTerminalsSlice(api)(...args),
    ...createPolicyRulesSlice(api)(...args),
    ...createMcpInboxSlice(api)(...args),
    ...createDashboardSlice(api)(...args),
    ...createNotificationsSlice(api)(...args),
  }));
}

import type { CommandResponse, McpServerList, Settings, SettingsPatch } from '../../../preload/contract';
import type { Slice } from './slice-types';

export interface SettingsSlice {
  settings: Settings | null;
  /** The last failed update's message, per field where the error named one. */
  settingsError: { message: string; fields: Record<string, string> } | null;
  loadSettings(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<boolean>;
  /** Applies settings pushed by a settings.changed event. */
  applySettings(settings: Settings): void;
  /** Every tool's name, for previews of policy rules. */
  listTools(): Promise<string[]>;
  /** The targets families know on this machine, for rules and production marks. */
  listTargets(): Promise<{ id: string; label: string }[]>;
  /** The models a provider offers, or why they cannot be listed (also a test of the key or URL). */
  listProviderModels(provider: 'anthropic' | 'ollama'): Promise<{ models: string[]; problem: string | null }>;
  /** Settings → MCP servers: main reads, checks (problems by field) and writes the config; this only sends an entry's shape. */
  listMcpServers(): Promise<McpServerList>;
  saveMcpServer(previousName: string | null, config: Record<string, unknown>): Promise<CommandResponse<'mcpServers.save'>>;
  removeMcpServer(name: string): Promise<McpServerList>;
}

export const createSettingsSlice: Slice<SettingsSlice> = (api) => (set) => ({
  listProviderModels: (provider) => api.commands['models.list']({ provider }).catch((error: Error) => ({ models: [], problem: error.message })),
  settings: null,
  settingsError: null,
  loadSettings: async () => {
    set({ settings: await api.commands['settings.get']({}) });
  },
  updateSettings: async (patch) => {
    try {
      const settings = await api.commands['settings.update']({ patch });
      set({ settings, settingsError: null });
      return true;
    } catch (error) {
      const issues = (error as { issues?: { path: string; message: string }[] }).issues ?? [];
      const fields = Object.fromEntries(issues.map((issue) => [issue.path.replace(/^patch\./, ''), issue.message]));
      set({ settingsError: { message: (error as Error).message, fields } });
      return false;
    }
  },
  applySettings: (settings) => set({ settings }),
  listTools: async () => (await api.commands['tools.list']({})).tools.map((tool) => tool.name),
  listTargets: async () => (await api.commands['targets.list']({})).targets.map(({ id, label }) => ({ id, label })),
  listMcpServers: () => api.commands['mcpServers.list']({}),
  saveMcpServer: (previousName, config) => api.commands['mcpServers.save']({ previousName, config }),
  removeMcpServer: (name) => api.commands['mcpServers.remove']({ name }),
});

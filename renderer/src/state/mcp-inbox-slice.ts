import type { McpInboxProposalView } from '../../../preload/contract';
import type { Slice } from './slice-types';

export interface McpInboxSlice {
  mcpInbox: {
    /** Waiting proposals and those decided in the last minutes, oldest first, as main sent them (redacted). */
    proposals: McpInboxProposalView[];
    /** Typed names of production targets, by proposal. */
    confirmations: Record<string, string>;
    /** Proposals whose decision is on its way to main. */
    deciding: Record<string, boolean>;
    /** Why a decision was not taken (main's words), by proposal: shown on its card. */
    errors: Record<string, string>;
    /** Proposals main said can no longer be decided (decided elsewhere, lapsed): their card offers no decision. */
    over: Record<string, boolean>;
    /** Decided proposals the person put away before they left the inbox. */
    dismissed: string[];
    /** Why the inbox could not be read, or null. */
    loadError: string | null;
  };
  loadMcpInbox(): Promise<void>;
  /** The inbox as main pushed it (mcp.proposals.changed). */
  applyMcpInbox(proposals: McpInboxProposalView[]): void;
  setMcpConfirmation(id: string, typed: string): void;
  decideMcpProposal(id: string, decision: 'approve' | 'reject'): Promise<void>;
  dismissMcpProposal(id: string): void;
}

/** The proposals still waiting for the person: what the count badge counts. */
/** The proposals still shown: those the person has not dismissed. */
export const keptMcpProposals = (inbox: { readonly proposals: readonly McpInboxProposalView[]; readonly dismissed: readonly string[] }): McpInboxProposalView[] => inbox.proposals.filter((proposal) => !inbox.dismissed.includes(proposal.id));

export const waitingMcpProposals = (proposals: readonly McpInboxProposalView[]): number => proposals.filter((proposal) => proposal.status === 'pending').length;

/** Main's refusals after which the proposal cannot be decided here at all (see decideProposal's problems). */
const noLongerWaiting = new Set(['MCP_PROPOSAL_NOT_WAITING', 'MCP_PROPOSAL_LAPSED', 'MCP_PROPOSAL_DECIDED_MEANWHILE', 'MCP_PROPOSAL_NOT_FOUND']);

export const createMcpInboxSlice: Slice<McpInboxSlice> = (api) => (set, get) => {
  const patch = (change: Partial<McpInboxSlice['mcpInbox']>): void => set({ mcpInbox: { ...get().mcpInbox, ...change } });
  const without = <T>(record: Record<string, T>, id: string): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([key]) => key !== id));
  const replace = (proposal: McpInboxProposalView): McpInboxProposalView[] => get().mcpInbox.proposals.map((current) => (current.id === proposal.id ? proposal : current));
  return {
    mcpInbox: { proposals: [], confirmations: {}, deciding: {}, errors: {}, over: {}, dismissed: [], loadError: null },
    loadMcpInbox: async () => {
      try {
        get().applyMcpInbox((await api.commands['mcp.proposals.list']({})).proposals);
        patch({ loadError: null });
      } catch (error) {
        patch({ loadError: (error as Error).message });
      }
    },
    applyMcpInbox: (incoming) => {
      const { proposals: before, confirmations, errors, over, dismissed } = get().mcpInbox;
      const arrived = new Set(incoming.map((proposal) => proposal.id));
      // A card whose decision was refused (it lapsed meanwhile) stays with its error until dismissed, so the person learns why.
      const proposals = [...incoming, ...before.filter((proposal) => !arrived.has(proposal.id) && errors[proposal.id] && !dismissed.includes(proposal.id))];
      // What the person typed or was told about a proposal goes when the proposal does.
      const ids = new Set(proposals.map((proposal) => proposal.id));
      const keep = <T>(record: Record<string, T>): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([id]) => ids.has(id)));
      patch({ proposals, confirmations: keep(confirmations), errors: keep(errors), over: keep(over), dismissed: dismissed.filter((id) => ids.has(id)) });
    },
    setMcpConfirmation: (id, typed) => patch({ confirmations: { ...get().mcpInbox.confirmations, [id]: typed } }),
    decideMcpProposal: async (id, decision) => {
      const { confirmations, deciding, errors } = get().mcpInbox;
      if (deciding[id]) return;
      const proposal = get().mcpInbox.proposals.find((candidate) => candidate.id === id);
      if (decision === 'approve' && proposal?.confirmation && confirmations[id] !== proposal.confirmation) {
        return patch({ errors: { ...errors, [id]: `Type ${proposal.confirmation} (the production target's name) to approve this step.` } });
      }
      patch({ deciding: { ...deciding, [id]: true }, errors: without(errors, id) });
      try {
        const answer = await api.commands['mcp.proposals.decide']({ id, decision, ...(decision === 'approve' && confirmations[id] ? { confirmation: confirmations[id] } : {}) });
        patch({ proposals: replace(answer.proposal) });
      } catch (error) {
        const state = get().mcpInbox;
        const gone = noLongerWaiting.has((error as { code?: string }).code ?? '');
        patch({ errors: { ...state.errors, [id]: (error as Error).message }, over: gone ? { ...state.over, [id]: true } : state.over });
        // Decided elsewhere (this window may have missed it): show it as it now is, with the reason kept on its card.
        if (gone) void get().loadMcpInbox();
      } finally {
        patch({ deciding: without(get().mcpInbox.deciding, id) });
      }
    },
    dismissMcpProposal: (id) => patch({ dismissed: [...get().mcpInbox.dismissed, id] }),
  };
};

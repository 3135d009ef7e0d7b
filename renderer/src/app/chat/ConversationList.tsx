import { useState } from 'react';
import { useAppPick, useAppStore } from '../store-context';
import { formatCost } from './usage-format';

/** Stored conversations: open (resume), rename, delete; the active one is marked. */
export function ConversationList() {
  const { conversations, activeId } = useAppStore((state) => state.chat);
  const { openConversation, newConversation, renameConversation, deleteConversation } = useAppPick('openConversation', 'newConversation', 'renameConversation', 'deleteConversation');
  const [renaming, setRenaming] = useState<{ id: string; title: string } | null>(null);
  return (
    <nav className="conversations" aria-label="Conversations" data-testid="chat-conversations">
      <button type="button" onClick={newConversation} data-testid="chat-new">
        + New conversation
      </button>
      <ul>
        {conversations.map((conversation) => (
          <li key={conversation.id} data-testid={`chat-conversation-${conversation.id}`} aria-current={conversation.id === activeId ? 'true' : undefined}>
            {renaming?.id === conversation.id ? (
              <form
                onSubmit={(event) => {
                  event.preventDefault();
                  void renameConversation(conversation.id, renaming.title).then(() => setRenaming(null));
                }}
              >
                <input aria-label="New title" value={renaming.title} autoFocus onChange={(event) => setRenaming({ id: conversation.id, title: event.target.value })} onKeyDown={(event) => event.key === 'Escape' && setRenaming(null)} data-testid="chat-rename-input" />
              </form>
            ) : (
              <button type="button" className="conversation-open" onClick={() => void openConversation(conversation.id)} title={`${conversation.provider}/${conversation.model} · ${formatCost(conversation.costUsd)}`}>
                {conversation.title}
              </button>
            )}
            <span className="conversation-actions">
              <button type="button" aria-label={`Rename ${conversation.title}`} onClick={() => setRenaming({ id: conversation.id, title: conversation.title })} data-testid={`chat-rename-${conversation.id}`}>
                ✎
              </button>
              <button type="button" aria-label={`Delete ${conversation.title}`} onClick={() => window.confirm(`Delete “${conversation.title}”? Its runs stay in History.`) && void deleteConversation(conversation.id)} data-testid={`chat-delete-${conversation.id}`}>
                ×
              </button>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

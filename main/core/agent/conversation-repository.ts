import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Redactor } from '../audit/redactor';
import { type AgentMessage, addUsage, noUsage, type Usage } from './model-types';

export interface ConversationSummary {
  readonly id: string;
  readonly title: string;
  readonly provider: string;
  readonly model: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly usage: Usage;
  /** Null when any message's model has no known price. */
  readonly costUsd: number | null;
}

/** Conversations and their messages; messages are redacted before they are written. */
export class ConversationRepository {
  constructor(
    private readonly db: Database,
    private readonly redactor: Redactor,
  ) {}

  create(title: string, provider: string, model: string): string {
    const id = randomUUID();
    const now = new Date().toISOString();
    this.db.prepare('INSERT INTO conversations (id, title, provider, model, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(id, title.slice(0, 200), provider, model, now, now);
    return id;
  }

  append(conversationId: string, message: AgentMessage, usage: Usage | null = null, costUsd: number | null = null): void {
    const now = new Date().toISOString();
    this.db.transaction(() => {
      const { next } = this.db.prepare('SELECT coalesce(max(seq), 0) + 1 AS next FROM conversation_messages WHERE conversation_id = ?').get(conversationId) as { next: number };
      this.db
        .prepare('INSERT INTO conversation_messages (conversation_id, seq, role, content_json, usage_json, cost_usd, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(conversationId, next, message.role, JSON.stringify(this.redactor.redactValue(message.content)), usage ? JSON.stringify(usage) : null, costUsd, now);
      this.db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?').run(now, conversationId);
    })();
  }

  messages(conversationId: string): AgentMessage[] {
    const rows = this.db.prepare('SELECT role, content_json FROM conversation_messages WHERE conversation_id = ? ORDER BY seq').all(conversationId) as { role: 'user' | 'assistant'; content_json: string }[];
    return rows.map((row) => ({ role: row.role, content: JSON.parse(row.content_json) }));
  }

  get(id: string): ConversationSummary | null {
    return this.list().find((conversation) => conversation.id === id || conversation.id.startsWith(id)) ?? null;
  }

  list(): ConversationSummary[] {
    const conversations = this.db.prepare('SELECT * FROM conversations ORDER BY updated_at DESC').all() as Record<string, string>[];
    return conversations.map((row) => {
      const messages = this.db.prepare('SELECT usage_json, cost_usd, role FROM conversation_messages WHERE conversation_id = ?').all(row.id) as { usage_json: string | null; cost_usd: number | null; role: string }[];
      const priced = messages.filter((message) => message.usage_json);
      return {
        id: row.id!,
        title: row.title!,
        provider: row.provider!,
        model: row.model!,
        createdAt: row.created_at!,
        updatedAt: row.updated_at!,
        usage: priced.reduce((total, message) => addUsage(total, JSON.parse(message.usage_json!) as Usage), noUsage),
        costUsd: priced.some((message) => message.cost_usd === null) ? null : priced.reduce((total, message) => total + (message.cost_usd ?? 0), 0),
      };
    });
  }

  rename(id: string, title: string): void {
    this.db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(title.slice(0, 200), id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
  }
}

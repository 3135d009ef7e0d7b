import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Redactor } from '../audit/redactor';
import type { AgentMessage, Usage } from './model-types';

interface SummaryRow {
  readonly id: string;
  readonly title: string;
  readonly provider: string;
  readonly model: string;
  readonly created_at: string;
  readonly updated_at: string;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_read_tokens: number;
  readonly cache_write_tokens: number;
  readonly cost_usd: number;
  readonly unpriced: number;
}

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

  /** A conversation by its id or an unambiguous start of it (as the CLI takes them). */
  get(id: string): ConversationSummary | null {
    return this.summaries(id)[0] ?? null;
  }

  list(): ConversationSummary[] {
    return this.summaries(null);
  }

  /** Conversations with their usage and cost totalled in SQL: one query, however many messages. */
  private summaries(id: string | null): ConversationSummary[] {
    const rows = this.db
      .prepare(
        `SELECT c.id, c.title, c.provider, c.model, c.created_at, c.updated_at,
           coalesce(sum(json_extract(m.usage_json, '$.inputTokens')), 0) AS input_tokens,
           coalesce(sum(json_extract(m.usage_json, '$.outputTokens')), 0) AS output_tokens,
           coalesce(sum(json_extract(m.usage_json, '$.cacheReadTokens')), 0) AS cache_read_tokens,
           coalesce(sum(json_extract(m.usage_json, '$.cacheWriteTokens')), 0) AS cache_write_tokens,
           coalesce(sum(CASE WHEN m.usage_json IS NOT NULL THEN m.cost_usd END), 0) AS cost_usd,
           count(CASE WHEN m.usage_json IS NOT NULL AND m.cost_usd IS NULL THEN 1 END) AS unpriced
         FROM conversations c LEFT JOIN conversation_messages m ON m.conversation_id = c.id
         WHERE :id IS NULL OR substr(c.id, 1, length(:id)) = :id
         GROUP BY c.id
         ORDER BY c.id = :id DESC, c.updated_at DESC`,
      )
      .all({ id }) as SummaryRow[];
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      provider: row.provider,
      model: row.model,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      usage: { inputTokens: row.input_tokens, outputTokens: row.output_tokens, cacheReadTokens: row.cache_read_tokens, cacheWriteTokens: row.cache_write_tokens },
      // Null when any turn's model has no known price.
      costUsd: row.unpriced ? null : row.cost_usd,
    }));
  }

  rename(id: string, title: string): void {
    this.db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(title.slice(0, 200), id);
  }

  delete(id: string): void {
    this.db.prepare('DELETE FROM conversations WHERE id = ?').run(id);
  }
}

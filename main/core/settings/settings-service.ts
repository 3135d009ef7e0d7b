import { z } from 'zod';
import { type Settings, SettingsPatchSchema, SettingsSchema } from '../../../preload/contract';
import type { EventBus } from '../events/event-bus';
import type { SettingsRepository } from '../storage/settings-repository';

/** A family's settings: every field with its default. */
export type FamilySettingsSchema = z.ZodObject<Record<string, z.ZodDefault<z.ZodType>>>;

/** Typed settings over the repository; every write is validated and announced. */
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly events: EventBus,
    /** The settings each family contributes, by family id. */
    private readonly familySchemas: Readonly<Record<string, FamilySettingsSchema>> = {},
  ) {}

  /** The policy reads settings at every decision: parsed once, read again only when the database changed. */
  private cached: { version: number; settings: Settings } | null = null;

  get(): Settings {
    const version = this.repository.externalVersion();
    if (this.cached?.version === version) return this.cached.settings;
    const settings = this.read();
    this.cached = { version, settings };
    return settings;
  }

  /** One family's settings, with defaults for what is not set. */
  family<T extends Record<string, unknown>>(id: string): T {
    return (this.get().families[id] ?? {}) as T;
  }

  private read(): Settings {
    const stored = this.repository.readAll();
    const core = this.readCore(stored);
    return { ...core, families: this.readFamilies(stored.families) };
  }

  /** Each family's section field by field: a value that no longer validates falls back to its default. */
  private readFamilies(stored: unknown): Settings['families'] {
    const sections = stored && typeof stored === 'object' ? (stored as Record<string, Record<string, unknown>>) : {};
    return Object.fromEntries(
      Object.entries(this.familySchemas).map(([id, schema]) => {
        const section = sections[id] ?? {};
        const valid = Object.fromEntries(Object.entries(section).filter(([key, value]) => schema.shape[key]?.safeParse(value).success));
        return [id, schema.parse(valid) as Record<string, unknown>];
      }),
    );
  }

  private readCore(stored: Record<string, unknown>): Settings {
    const parsed = SettingsSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    // A value that no longer validates (hand-edited, or from an old version) falls back to its
    // default field by field instead of making every setting unreadable.
    const valid: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(stored)) {
      const field = SettingsSchema.shape[key as keyof Settings];
      if (field?.safeParse(value).success) valid[key] = value;
    }
    return SettingsSchema.parse(valid);
  }

  /** Throws a ZodError naming each bad field; nothing is written unless the whole patch is valid. */
  update(patch: unknown): Settings {
    const valid = SettingsPatchSchema.parse(patch);
    if (valid.families) valid.families = this.mergeFamilies(valid.families);
    this.repository.writeMany(valid);
    this.cached = null;
    const settings = this.get();
    this.events.emit('settings.changed', settings);
    return settings;
  }

  /** A family patch, each section checked against its family's schema (unknown families and fields refused), over what is stored. */
  private mergeFamilies(patch: Settings['families']): Settings['families'] {
    const current = this.get().families;
    const merged: Settings['families'] = { ...current };
    const issues: z.core.$ZodIssue[] = [];
    for (const [id, values] of Object.entries(patch)) {
      const schema = this.familySchemas[id];
      if (!schema) {
        issues.push({ code: 'custom', path: ['families', id], message: `No family "${id}" has settings; those that do: ${Object.keys(this.familySchemas).join(', ') || 'none'}`, input: values });
        continue;
      }
      const parsed = schema.partial().strict().safeParse(values);
      if (!parsed.success) issues.push(...parsed.error.issues.map((issue) => ({ ...issue, path: ['families', id, ...issue.path] })));
      else merged[id] = { ...current[id], ...parsed.data };
    }
    if (issues.length) throw new z.ZodError(issues);
    return merged;
  }
}

import { type Settings, SettingsPatchSchema, SettingsSchema } from '../../../preload/contract';
import type { EventBus } from '../events/event-bus';
import type { SettingsRepository } from '../storage/settings-repository';

/** Typed settings over the repository; every write is validated and announced. */
export class SettingsService {
  constructor(
    private readonly repository: SettingsRepository,
    private readonly events: EventBus,
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

  private read(): Settings {
    const stored = this.repository.readAll();
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
    this.repository.writeMany(valid);
    this.cached = null;
    const settings = this.get();
    this.events.emit('settings.changed', settings);
    return settings;
  }
}

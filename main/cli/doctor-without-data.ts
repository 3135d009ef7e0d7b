import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataDir } from '../core/app-paths';
import { DoctorService } from '../core/doctor/doctor-service';
import { EventBus } from '../core/events/event-bus';
import { families as builtInFamilies, startConfiguredFamilies } from '../core/families';
import { KeychainSecretStore } from '../core/secrets/keychain-secret-store';
import { declaredSecretReader } from '../core/secrets/secret-store';
import { SettingsService } from '../core/settings/settings-service';
import { openDatabase } from '../core/storage/database';
import { SettingsRepository } from '../core/storage/settings-repository';
import type { CliIo } from './cli-io';
import { doctorCommand } from './doctor-command';

/**
 * `reign doctor` without the core: a report must not leave anything behind, so on a machine where
 * Reign never ran it creates no data folder, no database and no audit key. It reads the settings
 * Reign stored (the Ollama URL, family settings) when there are some, and uses the defaults otherwise.
 */
export async function doctorWithoutData(io: CliIo, json: boolean): Promise<number> {
  const env = io.env;
  const dataDir = resolveDataDir(env);
  const databaseFile = join(dataDir, 'reign.db');
  let servers: Awaited<ReturnType<typeof startConfiguredFamilies>>;
  try {
    servers = await startConfiguredFamilies({ env });
  } catch (error) {
    io.stderr(`reign: ${(error as Error).message}\n`);
    return 1;
  }
  let db: ReturnType<typeof openDatabase> | undefined;
  try {
    // An in-memory database gives the settings their defaults without writing a file.
    db = openDatabase({ file: existsSync(databaseFile) ? databaseFile : ':memory:' });
    const families = [...builtInFamilies, ...servers.families];
    const settings = new SettingsService(new SettingsRepository(db), new EventBus(), Object.fromEntries(families.flatMap((family) => (family.settings ? [[family.id, family.settings]] : []))));
    const secrets = new KeychainSecretStore({ env });
    const secret = declaredSecretReader(secrets, families.flatMap((family) => family.secrets ?? []).map((declared) => declared.name));
    const doctor = new DoctorService({ secrets, settings, dataDir, env, probes: families.flatMap((family) => family.probes ?? []), secret });
    return await doctorCommand(doctor, io, json);
  } catch (error) {
    // A damaged or newer database (by name: the storage module's error class) is the user's to act on.
    if ((error as Error).name === 'StorageError') {
      io.stderr(`reign: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  } finally {
    db?.close();
    await servers.dispose();
  }
}

import { describe, expect, it } from 'vitest';
import { volumeBackup, volumeRestore } from './volume-backup-tools';

// The helper container mounts what it is given as `volume`: a host path would bind that folder of the host.
describe('docker.volume.backup and restore', () => {
  it('refuse a host path, saying what to use instead', () => {
    for (const volume of ['/', '/etc', '//etc/', '~/.ssh', '$HOME', './src', '../data']) {
      for (const tool of [volumeBackup, volumeRestore]) {
        const parsed = tool.input.safeParse({ volume, file: 'backups/x.tar' });
        expect(parsed.success, `${tool.name} ${volume}`).toBe(false);
        expect(parsed.error?.issues[0]?.message).toMatch(/is a host path.*named volumes.*docker\.volume\.list.*files tools/);
      }
    }
  });

  it('take a named volume as before', () => {
    expect(volumeBackup.input.safeParse({ volume: 'pgdata', file: 'backups/pgdata.tar' }).success).toBe(true);
    expect(volumeRestore.input.safeParse({ volume: 'app_data.1', file: 'backups/pgdata.tar' }).success).toBe(true);
  });
});

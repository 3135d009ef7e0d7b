import { describe, expect, it } from 'vitest';
import { deployRefusal, lastDeployed, type Revision, stuckAdvice } from './helm-release-state';

const revision = (number: number, status: string): Revision => ({ revision: number, status, updated: '', chart: 'web-0.1.0', appVersion: '1.0', description: '' });

describe('release state', () => {
  it('says what to do about a stuck release: roll back to the last deployed revision, or uninstall', () => {
    const upgrading = [revision(1, 'superseded'), revision(2, 'deployed'), revision(3, 'pending-upgrade')];
    expect(stuckAdvice('web', upgrading)).toMatch(/stuck in pending-upgrade \(revision 3\).*helm.rollback with revision 2.*helm.uninstall/);
    expect(stuckAdvice('web', [revision(1, 'pending-install')])).toMatch(/No revision of it was ever deployed: uninstall it/);
    expect(stuckAdvice('web', [revision(1, 'deployed')])).toBeNull();
    expect(lastDeployed(upgrading)?.revision).toBe(2);
    expect(lastDeployed(upgrading, 2)?.revision).toBe(1);
  });

  it('refuses installs over releases and upgrades of missing, uninstalled or stuck ones', () => {
    expect(deployRefusal('install', 'web', 'shop', null)).toBeNull();
    expect(deployRefusal('install', 'web', 'shop', [revision(1, 'deployed')])).toMatch(/already exists.*helm.upgrade/);
    expect(deployRefusal('install', 'web', 'shop', [revision(1, 'uninstalled')])).toMatch(/restore it with helm.rollback \(revision 1\)/);
    expect(deployRefusal('upgrade', 'web', 'shop', null)).toMatch(/no release web in shop.*helm.install/);
    expect(deployRefusal('upgrade', 'web', 'shop', [revision(1, 'deployed'), revision(2, 'failed')])).toBeNull();
    expect(deployRefusal('upgrade', 'web', 'shop', [revision(1, 'deployed'), revision(2, 'pending-rollback')])).toMatch(/stuck in pending-rollback/);
    expect(deployRefusal('install', 'web', 'shop', [revision(1, 'pending-install')])).toMatch(/stuck in pending-install/);
  });
});

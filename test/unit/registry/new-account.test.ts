import { describe, expect, it } from 'vitest';
import { newAccount, type AccountEntry } from '../../../shared/registry/new-account';
import type { AccountInput } from '../../../shared/registry/schemas';

const NOW = '2026-12-03T17:30:00.000Z'; // 2026-12-04 01:30 in Beijing
const input: AccountInput = {
  platform: 'app',
  handle: 'chunan-rs',
  name: '淳安人社',
  departmentId: 'dept-1',
  interactionEnabled: true,
  contacts: [{ name: '王敏', phone: '0571-65012345' }],
  filingNumber: '浙ICP备12345678号-3A',
  appFeatures: { checkIn: false, pointsRanking: false, onlineDuration: false, forcedDownloadOrLogin: false, likesOrVotesInEvaluation: false, commercial: false },
};
const build = (entry: AccountEntry) => newAccount(input, { regionCode: '330127' }, entry, { now: NOW, id: 'acc-1' });

describe('newAccount, the one builder of a registration and of an import row', () => {
  it.each<[string, AccountEntry, string]>([
    ['a registration without opening approval', { kind: 'registration', awaitsOpeningApproval: false }, 'active'],
    ['a registration the opening policy holds', { kind: 'registration', awaitsOpeningApproval: true }, 'opening_pending'],
    ['an import row', { kind: 'import' }, 'active'],
  ])('%s starts %s', (_, entry, status) => {
    expect(build(entry).status).toBe(status);
  });

  it('starts the filing clock of a registration on its Beijing day', () => {
    expect(build({ kind: 'registration', awaitsOpeningApproval: false }).filingPendingSince).toBe('2026-12-04');
  });

  it('starts no filing clock for an imported account, which already exists', () => {
    expect(build({ kind: 'import' })).not.toHaveProperty('filingPendingSince');
  });

  it.each<AccountEntry>([{ kind: 'registration', awaitsOpeningApproval: false }, { kind: 'import' }])('records when the app checklist was answered ($kind)', (entry) => {
    expect(build(entry).appFeatures).toMatchObject({ checkedAt: NOW });
  });

  it('takes the region from the department and starts every count at zero', () => {
    expect(build({ kind: 'import' })).toMatchObject({ id: 'acc-1', regionCode: '330127', flags: [], postCount: 0, version: 1, createdAt: NOW, updatedAt: NOW, lastValidatedAt: NOW });
  });
});

import { describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/auth/principal';
import { landingPath } from './nav';
import { notificationTarget } from './notifications.svelte';

describe('landing after sign-in', () => {
  it.each<[Role[], string]>([
    [['office'], '/dashboard'],
    [['reviewer'], '/approvals'],
    [['approver'], '/approvals'],
    [['editor'], '/calendar'],
    [['admin'], '/registry'],
    [['editor', 'office'], '/dashboard'],
    [['editor', 'approver'], '/approvals'],
    [[], '/registry'],
  ])('%j lands on %s', (roles, path) => {
    expect(landingPath(roles)).toBe(path);
  });
});

describe('where a notification leads', () => {
  it.each([
    ['stale_warning', { type: 'account', id: 'a1' }, { path: '/accounts/a1' }],
    ['approval_waiting', { type: 'closure', id: 'c1' }, { path: '/closures/c1' }],
    ['rectification_overdue', { type: 'rectification', id: 'r1' }, { path: '/rectifications/r1' }],
    ['approval_waiting', { type: 'approval_request', id: 'q1' }, { path: '/approvals', query: { tab: 'requests' } }],
    ['approval_reminder', { type: 'scheduled_post', id: 'p1' }, { path: '/approvals', query: { tab: 'drafts' } }],
    ['post_failed', { type: 'scheduled_post', id: 'p1' }, { path: '/calendar', query: { post: 'p1' } }],
    ['annual_report_due', { type: 'annual_report', id: '330127:2026' }, { path: '/reports/annual', query: { region: '330127', year: '2026' } }],
    ['stale_warning', { type: 'something_new', id: 'x' }, null],
  ] as const)('%s on %j → %j', (type, entity, target) => {
    expect(notificationTarget({ type, entity })).toEqual(target);
  });
});

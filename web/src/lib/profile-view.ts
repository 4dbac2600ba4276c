/**
 * A rule profile as readable rows (规则配置 screen): every threshold in a sentence, in the
 * current language. Pure over the profile; `t`/`label` read the locale.
 */
import { i18n, label, t } from '../i18n/i18n.svelte';
import zh, { type MessageKey } from '../i18n/zh-CN';
import type { RuleProfile } from './types';

/**
 * A built-in profile's own words in the UI's language (issue 15: English mode showed 国家基线 and
 * its Chinese description). Only while the text is still the built-in one (`profile.<name>` and
 * `profileDesc.<name>` in zh-CN.ts): a title or description an admin wrote is shown as written.
 */
function builtinText(prefix: 'profile' | 'profileDesc', name: string | undefined, text: string | undefined): string | undefined {
  if (!name || i18n.locale === 'zh-CN') return text;
  const key = `${prefix}.${name}` as MessageKey;
  const builtin = (zh as Record<string, string>)[key];
  return builtin !== undefined && (text === undefined || text === builtin) ? t(key) : text;
}

/** The title to show for a profile (list item, detail, region in force): `National baseline` in English. */
export function profileTitle(p: { name?: string; profile?: string; title?: string | null }): string {
  const name = p.name ?? p.profile;
  return builtinText('profile', name, p.title ?? undefined) ?? name ?? '—';
}

/** The description to show, or undefined when the profile has none. */
export function profileDescription(p: { name: string; description?: string | null }): string | undefined {
  return p.description ? builtinText('profileDesc', p.name, p.description) : undefined;
}

export interface ProfileRow {
  /** What the row is about (veto, indicator, flag, deadline, workflow). */
  name: string;
  /** On/off rules; undefined where a rule cannot be switched off. */
  enabled?: boolean;
  /** Cap in points (indicators) or the score line (bands). */
  points?: number;
  rule: string;
}

export interface ProfileSection {
  id: 'vetoes' | 'indicators' | 'bands' | 'flags' | 'registry' | 'approvals';
  title: string;
  /** Column heading of `points` when the section has one. */
  pointsHeading?: string;
  rows: ProfileRow[];
}

const chain = (roles: readonly string[]) => roles.map((r) => label('role', r)).join(' → ');
const join = (parts: string[]) => parts.join(t('profiles.sep'));

export function profileSections(p: RuleProfile): ProfileSection[] {
  const v = p.vetoes;
  const i = p.indicators;
  const f = p.flags;
  const s = p.fakeEngagementSuspicion;
  const security: string[] = [];
  if (v.security.severeWording) security.push(t('profiles.v.severeWording'));
  if (v.security.incidents) security.push(t('profiles.v.incidents'));
  return [
    {
      id: 'vetoes',
      title: t('profiles.vetoes'),
      rows: [
        { name: label('veto', 'no_update'), enabled: v.noUpdate.enabled, rule: t('profiles.v.noUpdate', { days: v.noUpdate.windowDays }) },
        {
          name: label('veto', 'no_interaction'),
          enabled: v.noInteraction.enabled,
          rule: (v.noInteraction.requireChannel ? t('profiles.v.channel') : '') + t('profiles.v.unanswered', { days: v.noInteraction.maxUnansweredDays }),
        },
        {
          name: label('veto', 'security'),
          enabled: v.security.enabled,
          rule: t('profiles.v.security', { days: v.security.windowDays, what: security.length ? security.join(t('profiles.or')) : '—' }),
        },
        { name: label('veto', 'fake_engagement'), enabled: v.fakeEngagement.enabled, rule: t('profiles.v.fake') },
      ],
    },
    {
      id: 'indicators',
      title: t('profiles.indicators'),
      pointsHeading: t('profiles.cap'),
      rows: [
        { name: label('deduction', 'cadence'), points: i.cadence.cap, rule: t('profiles.i.cadence', { days: i.cadence.windowDays, min: i.cadence.minPosts, points: i.cadence.pointsPerMissingPost }) },
        {
          name: label('deduction', 'service_share'),
          points: i.serviceShare.cap,
          rule: t('profiles.i.window', { days: i.serviceShare.windowDays }) + join(i.serviceShare.tiers.map((x) => t('profiles.i.below', { percent: x.belowPercent, points: x.points }))),
        },
        {
          name: label('deduction', 'off_mission_share'),
          points: i.offMissionShare.cap,
          rule: t('profiles.i.window', { days: i.offMissionShare.windowDays }) + join(i.offMissionShare.tiers.map((x) => t('profiles.i.atLeast', { percent: x.atLeastPercent, points: x.points }))),
        },
        { name: label('deduction', 'wording'), points: i.wording.cap, rule: t('profiles.i.wording', { days: i.wording.windowDays, points: i.wording.pointsPerPost }) },
        { name: label('deduction', 'naming'), points: i.naming.cap, rule: t('profiles.i.naming', { unit: i.naming.unitMismatchPoints, across: i.naming.inconsistentAcrossPlatformsPoints }) },
        { name: label('deduction', 'service_links'), points: i.serviceLinks.cap, rule: t('profiles.i.links', { points: i.serviceLinks.pointsPerBrokenLink }) },
      ],
    },
    {
      id: 'bands',
      title: t('profiles.bands'),
      pointsHeading: t('profiles.scoreLine'),
      rows: (['excellent', 'good', 'pass'] as const).map((b) => ({ name: label('grade.band', b), points: p.bands[b], rule: t('profiles.b.atLeast', { points: p.bands[b] }) })),
    },
    {
      id: 'flags',
      title: t('profiles.flags'),
      rows: [
        { name: label('flag', 'stale'), rule: t('profiles.f.stale', { from: f.staleFromDays, to: f.staleToDays }) },
        { name: label('flag', 'dormant'), rule: t('profiles.f.dormant', { days: f.dormantAfterDays }) },
        { name: label('flag', 'zombie'), rule: t('profiles.f.zombie', { days: f.zombieAfterDays, never: f.zombieNeverPostedAfterDays }) },
        { name: label('flag', 'off_mission'), rule: t('profiles.f.offMission', { days: f.offMissionWindowDays, percent: f.offMissionAtLeastPercent }) },
        {
          name: label('flag', 'suspected_fake_engagement'),
          enabled: s.enabled,
          rule: t('profiles.f.suspicion', { gap: s.maxSnapshotGapDays, min: s.minFollowerGain, jump: s.followerJumpPercent, engagement: s.minEngagementPercent, lookback: s.lookbackDays }),
        },
      ],
    },
    {
      id: 'registry',
      title: t('profiles.registry'),
      rows: [
        { name: t('profiles.r.filing'), rule: t('profiles.r.filingRule', { days: p.registry.filingWorkingDays }) },
        { name: t('profiles.r.notice'), rule: t('profiles.r.noticeRule', { days: p.registry.noticePeriodDays }) },
        { name: t('profiles.r.revalidation'), rule: t('profiles.r.revalidationRule', { days: p.registry.revalidationDays }) },
      ],
    },
    {
      id: 'approvals',
      title: t('profiles.approvals'),
      rows: [
        { name: t('profiles.a.closure'), rule: chain(p.approvals.closure) },
        { name: t('profiles.a.opening'), enabled: p.approvals.opening.required, rule: p.approvals.opening.required ? chain(p.approvals.opening.tiers) : t('profiles.a.openingFree') },
        { name: t('profiles.a.exception'), rule: chain(p.approvals.closure) },
        { name: t('profiles.a.post'), rule: `${t('profiles.a.drafter')} → ${chain(p.approvals.scheduledPost)}` },
      ],
    },
  ];
}

/**
 * The audit log in words (issue 15: it showed `closure.approve_tier`, `account:01m8…` and
 * `acceptedExternalIds`): actions, entity types and changed fields through the i18n files,
 * links to the entity's page, and the trail as CSV.
 */
import { ENTITY_TYPES } from '../../../shared/audit/audit';
import { label, t } from '../i18n/i18n.svelte';
import type { MessageKey } from '../i18n/zh-CN';
import { show } from './diff';
import { formatDateTime } from './format';
import { actorName, type AuditEntry } from './types';

export { ENTITY_TYPES };

/** Every action the trail records, in the order the action filter offers them. */
export const AUDIT_ACTIONS = [
  'account.create',
  'account.update',
  'account.status',
  'account.filing',
  'account.approval_outcome',
  'account.fake_engagement.confirm',
  'account.fake_engagement.withdraw',
  'account.credentials.set',
  'account.credentials.revoke',
  'account.credentials.lost',
  'account.credentials.oauth',
  'posts.ingest',
  'metrics.record',
  'department.create',
  'import.accounts',
  'inspection.run',
  'closure.create',
  'closure.approve_tier',
  'closure.approve',
  'closure.reject',
  'closure.notice',
  'closure.complete',
  'closure.file',
  'closure.attachment',
  'opening.request',
  'opening.decide',
  'duplicate_exception.request',
  'duplicate_exception.decide',
  'scheduled_post.create',
  'scheduled_post.edit',
  'scheduled_post.submit',
  'scheduled_post.withdraw',
  'scheduled_post.approve',
  'scheduled_post.reject',
  'scheduled_post.expire',
  'scheduled_post.dispatch',
  'scheduled_post.published',
  'scheduled_post.retry_scheduled',
  'scheduled_post.failed',
  'scheduled_post.needs_confirmation',
  'scheduled_post.confirm_published',
  'scheduled_post.confirm_not_published',
  'scheduled_post.retry',
  'scheduled_post.check',
  'rectification.issue',
  'rectification.respond',
  'rectification.accept',
  'rectification.reopen',
  'rectification.extend',
  'rectification.closure_requested',
  'profile.add_version',
  'profile.assign',
  'channels.set',
  'calendar.holidays',
] as const;

/** Is there a message for this key (t() answers an unknown key with the key)? */
const has = (key: string): key is MessageKey => t(key as MessageKey) !== key;

/** 「关停审批（本级同意）」 for `closure.approve_tier`; an action the app does not know yet: its entity type and verb. */
export function actionText(action: string): string {
  const key = `audit.action.${action}`;
  if (has(key)) return t(key);
  const [type = '', ...rest] = action.split('.');
  return `${entityTypeText(type)} · ${rest.join('.') || action}`;
}

/** 「账号」 for `account`; an unknown type as it is. */
export const entityTypeText = (type: string): string => label('audit.type', type);

const entityOf = (e: AuditEntry['entity']): { type: string; id: string } => {
  if (typeof e !== 'string') return e;
  const i = e.indexOf(':');
  return i > 0 ? { type: e.slice(0, i), id: e.slice(i + 1) } : { type: '', id: e };
};

/** The entity as a reader names it: its type in words and its name when known, else a short id. */
export function entityText(e: AuditEntry['entity'], names: (type: string, id: string) => string | undefined = () => undefined): string {
  const { type, id } = entityOf(e);
  const name = names(type, id);
  const shown = name ?? (id.length > 12 ? `${id.slice(0, 8)}…` : id);
  return type ? `${entityTypeText(type)} ${shown}` : shown;
}

/** Where the entry's entity is shown in the app, if anywhere. */
export function entityHref(entry: Pick<AuditEntry, 'entity' | 'after'>): string | null {
  const { type, id } = entityOf(entry.entity);
  const enc = encodeURIComponent(id);
  switch (type) {
    case 'account':
    case 'posts':
    case 'metrics':
      return `#/accounts/${enc}`;
    case 'closure':
      return `#/closures/${enc}`;
    case 'inspection':
      return `#/inspections/${enc}`;
    case 'rectification':
      return `#/rectifications/${enc}`;
    case 'approval_request':
      return '#/approvals';
    case 'profile':
      return '#/profiles';
    case 'department':
      return `#/registry?department=${enc}`;
    case 'channel':
      return '#/channels';
    case 'rectification_item': {
      const parent = (entry.after as { rectificationId?: unknown } | null)?.rectificationId;
      return typeof parent === 'string' ? `#/rectifications/${encodeURIComponent(parent)}` : null;
    }
    default:
      return null;
  }
}

/** 「接收的发布编号」 for `acceptedExternalIds`; a field the app does not know: as it is. */
export function fieldText(field: string): string {
  const key = `audit.field.${field}`;
  return has(key) ? t(key) : field;
}

const FORMULA = /^[=+\-@\t\r]/;
const cell = (v: string) => {
  const s = FORMULA.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The trail as CSV (UTF-8 with BOM for Excel, CRLF): time (Beijing), actor, action and entity in
 * words, the entity's id, and the changed fields. A cell starting with = + - @ is quoted as text.
 */
export function auditCsv(entries: readonly AuditEntry[], names?: (type: string, id: string) => string | undefined, changes?: (e: AuditEntry) => { field: string; before: unknown; after: unknown }[]): string {
  const header = [t('audit.at'), t('audit.actor'), t('audit.action'), t('audit.target'), t('audit.entityId'), t('audit.changes')];
  const rows = entries.map((e) => {
    const { type, id } = entityOf(e.entity);
    const changed = (changes?.(e) ?? []).map((c) => `${fieldText(c.field)}: ${show(c.before)} → ${show(c.after)}`).join('; ');
    return [formatDateTime(e.at), actorName(e.actor), actionText(e.action), entityText(e.entity, names), type ? `${type}:${id}` : id, changed];
  });
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export interface AuditFilterForm {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  type?: string;
  /** An entity id (with or without `<type>:`); with a type chosen, that type's entity. */
  entity?: string;
}

/** The query of GET /audit-log for the filter form: an entity's history, or the region's trail. */
export function auditQuery(f: AuditFilterForm, region: string | undefined): Record<string, string | undefined> {
  const entity = f.entity?.trim();
  const actor = f.actor?.trim();
  const base = { from: f.from || undefined, to: f.to || undefined, actor: actor || undefined, action: f.action || undefined };
  if (entity) return { ...base, entity: entity.includes(':') || !f.type ? entity : `${f.type}:${entity}` };
  return { ...base, region, type: f.type || undefined };
}

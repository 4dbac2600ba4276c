import type { AssessmentPorts } from '../shared/assessment/ports';
import { refreshAccount, refreshRegistryFlags, registryFlagPortsOf } from '../shared/assessment/refresh';
import type { ApprovalPorts } from '../shared/workflow/service';
import type { ActivityPorts } from '../shared/activity/ingest';
import type { Clock, IdGenerator } from '../shared/ports';
import type { SchedulingPorts } from '../shared/scheduling/service';
import type { Stores } from './store';
import { AssessmentContext, assessAccount } from '../shared/assessment/inputs';
import type { ClosurePorts } from '../shared/closure/service';
import { requestClosure } from '../shared/closure/service';
import { profileForRegion, resolveProfile } from '../shared/profiles/catalog';
import { supervisionRulesOf } from '../shared/supervision/escalation';
import { publishEvents, watchWaiting, type SupervisionPorts } from '../shared/supervision/service';
import type { WaitingWatch } from '../shared/supervision/approvals';
import { queueDeliveries } from '../shared/notify/deliveries';
import type { WorkCalendar } from '../shared/time';
import { calendarPortOf } from './calendar';

/**
 * The domain's ports, wired to the repositories: one place, used by the HTTP routes and
 * the scheduled jobs alike, so both run the domain over the same wiring.
 */
export interface Wiring {
  stores: Stores;
  clock: Clock;
  ids: IdGenerator;
  classify?: ActivityPorts['classify'];
}

/** The official working-day calendar (shipped State Council years plus the admin's), cached a minute per process. */
export function calendarOf({ stores, clock }: Pick<Wiring, 'stores' | 'clock'>): () => Promise<WorkCalendar> {
  const port = calendarPortOf(stores.holidayYears, clock);
  return () => port.calendar();
}

export function assessmentPortsOf({ stores, clock, ids }: Wiring): AssessmentPorts {
  return {
    calendar: calendarOf({ stores, clock }),
    accounts: stores.accounts,
    departments: stores.departments,
    activity: stores.activity,
    profiles: stores.profiles,
    inspections: stores.inspections,
    clock,
    ids,
  };
}

export function schedulingPortsOf(w: Wiring): SchedulingPorts {
  const { stores, clock, ids, classify } = w;
  const assessment = assessmentPortsOf(w);
  return {
    scheduledPosts: stores.scheduledPosts,
    accounts: stores.accounts,
    departments: stores.departments,
    activity: stores.activity,
    profiles: stores.profiles,
    clock,
    ids,
    classify,
    refresh: async (id) => {
      await refreshAccount(id, assessment);
    },
    waiting: waitingWatchOf(w),
    announce: async (events) => void (await publishEvents(events, supervisionPortsOf(w))),
    calendar: calendarOf(w),
  };
}

export function activityPortsOf(w: Wiring): ActivityPorts {
  const { stores, clock, ids, classify } = w;
  const assessment = assessmentPortsOf(w);
  return { accounts: stores.accounts, activity: stores.activity, clock, ids, classify, refresh: async (id) => void (await refreshAccount(id, assessment)) };
}

export function approvalPortsOf(w: Wiring): ApprovalPorts {
  const { stores, clock, ids } = w;
  const assessment = assessmentPortsOf(w);
  return {
    requests: stores.approvalRequests,
    accounts: stores.accounts,
    departments: stores.departments,
    profiles: stores.profiles,
    clock,
    ids,
    // An outcome changes status or the duplicate exception: registry-derived flags only (decision 30).
    refresh: async (a) => void (await refreshRegistryFlags(a, registryFlagPortsOf({ ...assessment, accounts: stores.accounts }))),
    waiting: waitingWatchOf(w),
  };
}

export function closurePortsOf(w: Wiring): ClosurePorts {
  const { stores, clock, ids } = w;
  return { closures: stores.closures, accounts: stores.accounts, departments: stores.departments, profiles: stores.profiles, clock, ids, waiting: waitingWatchOf(w), calendar: calendarOf(w) };
}

/** What the workflows call after each write: the waiting tier is told, its 催办 scheduled. */
export function waitingWatchOf(w: Wiring): WaitingWatch {
  return (ref, waiting) => watchWaiting(ref, waiting, supervisionPortsOf(w));
}

export function supervisionPortsOf(w: Wiring): SupervisionPorts {
  const { stores, clock, ids } = w;
  const assessment = assessmentPortsOf(w);
  return {
    notifications: stores.notifications,
    waiting: stores.waiting,
    // External channels: each new notification queues its group-robot deliveries (docs/notifications.md).
    onPublished: async (created) => void (await queueDeliveries(created, { channels: stores.channels, deliveries: stores.deliveries, clock })),
    rectifications: stores.rectifications,
    inspections: stores.inspections,
    accounts: stores.accounts,
    departments: stores.departments,
    regrade: async (accountId, checkDate, profile) => {
      const account = await stores.accounts.get(accountId);
      if (!account) throw new Error(`regrade: account ${accountId} is gone`);
      const rules = await resolveProfile(profile.name, profile.version, assessment);
      return (await assessAccount(account, checkDate, rules, new AssessmentContext(assessment))).grade;
    },
    rules: async (regionCode) => {
      const profile = await profileForRegion(regionCode, assessment);
      return { ...supervisionRulesOf(profile), noUpdateWindowDays: profile.vetoes.noUpdate.windowDays, filingWorkingDays: profile.registry.filingWorkingDays };
    },
    calendar: calendarOf(w),
    requestClosure: (input, actor) => requestClosure(input, actor, closurePortsOf(w)),
    clock,
    ids,
  };
}

import type { Platform } from '../../shared/registry/schemas';
import type { CheckFinding } from '../../shared/scheduling';

/**
 * One small interface for every platform. A connector publishes one post, can
 * (optionally) look up whether an uncertain publish went out, and can (optionally)
 * fetch the account's recent posts and follower count for the activity module.
 * Failures are thrown as ConnectorError (errors.ts).
 */

export type ConnectorName = 'manual' | 'wechat' | 'weibo' | 'douyin' | 'kuaishou' | 'bilibili';

/** What a connector needs to know about the account; credentials come from the vault by `id`. */
export interface ConnectorAccount {
  id: string;
  platform: Platform;
  handle: string;
  name: string;
}

/** What a connector needs to know about the post (a ScheduledPost fits). */
export interface ConnectorPost {
  id: string;
  title: string;
  body: string;
  imageUrl?: string;
}

export interface PublishInput {
  account: ConnectorAccount;
  post: ConnectorPost;
  /** Stable for the post across attempts (see idempotencyKey in shared/scheduling/dispatch). */
  idempotencyKey: string;
}

export type PublishResult =
  | { status: 'published'; platformPostId: string; url?: string }
  /** Accepted by the platform, still being published (WeChat freepublish): findPublished with `ref` settles it. */
  | { status: 'processing'; ref: string }
  /** A task for a person: they publish by hand and confirm the URL. */
  | { status: 'pending_manual'; taskId: string; instructions: string };

export interface FindPublishedInput extends PublishInput {
  /** When the uncertain attempt started (ISO): only posts from then on can be it. */
  since: string;
  /** The platform's reference of an accepted publish, if we got one. */
  ref?: string;
}

/** The lookup's answer; 'check_error' is produced by checkPublished (index.ts) when the lookup itself fails. */
export type FindResult = Exclude<CheckFinding, { state: 'check_error' }>;

/** A post as the activity module ingests it (the PostInput shape of shared/activity). */
export interface RecentPost {
  externalId: string;
  publishedAt: string;
  title?: string;
  text: string;
  url?: string;
  isRepost?: boolean;
}

/** Messages (comments) and answers over the recent posts, where the platform exposes them: the metric snapshot's fields. */
export interface Interactions {
  messagesReceived: number;
  messagesAnswered: number;
  /** Age in whole days of the oldest message still unanswered (0 when none). */
  oldestUnansweredDays: number;
}

export interface RecentActivity {
  posts: RecentPost[];
  followers?: number;
  interactions?: Interactions;
}

/** Tokens of an account authorised through OAuth (Douyin, Kuaishou), as kept in the vault. */
export interface OAuthTokens {
  accessToken: string;
  refreshToken: string;
  openId: string;
  /** ISO instants. */
  expiresAt: string;
  refreshExpiresAt: string;
  scope?: string;
}

/** The OAuth side of a platform whose accounts are authorised by their operator. */
export interface OAuthClient {
  /** Whether the deployment has the platform app (client key and secret); without it nothing can be authorised. */
  readonly configured: boolean;
  /** Where the operator is sent to authorise (the platform's page), carrying our signed state. */
  authorizeUrl(input: { state: string; redirectUri: string }): string;
  /** The code the platform redirected back with → tokens; `now` (ISO, the clock port) dates their expiry. */
  exchange(code: string, redirectUri: string, now: string): Promise<OAuthTokens>;
  /** A fresh access token from the refresh token. */
  refresh(tokens: OAuthTokens, now: string): Promise<OAuthTokens>;
}

export interface Connector {
  readonly name: ConnectorName;
  publish(input: PublishInput): Promise<PublishResult>;
  /** Check first after an uncertain publish; absent when the platform offers no way to look. */
  findPublished?(input: FindPublishedInput): Promise<FindResult>;
  /**
   * Recent posts (published at or after `since`, ISO) and the follower count, for activity sync.
   * `now` (ISO, the clock port) dates the interaction figures (the oldest unanswered age);
   * request signatures and token caches keep real time.
   */
  fetchRecent?(account: ConnectorAccount, since: string, now?: string): Promise<RecentActivity>;
  /** Platforms whose accounts authorise us through OAuth (the account page's "authorise" button). */
  readonly oauth?: OAuthClient;
  /**
   * Refreshes the account's stored tokens when they expire within `marginMs` of `now` (ISO,
   * the clock port): the fetch job calls it before fetchRecent. Throws ConnectorError `auth`
   * when the authorisation is gone (refresh token expired, revoked).
   */
  refreshAuthorization?(account: ConnectorAccount, now: string, marginMs: number): Promise<{ refreshed: boolean; expiresAt: string }>;
}

/** Settings every HTTP connector takes. */
export interface HttpConnectorOptions {
  /** The platform's API root; a setting so tests point it at a local server. */
  baseUrl?: string;
  /** Per request, including reading the answer (default 10 000 ms). */
  timeoutMs?: number;
  /** Defaults to the global fetch (Node 20). */
  fetch?: typeof fetch;
  /** Clock in epoch ms (default Date.now), for token expiry. */
  now?: () => number;
}

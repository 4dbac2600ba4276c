import { parseAllowList, type AllowedHost } from '../../shared/notify/channels';

/**
 * The channels' settings, read once at module load:
 * - `GOVMEDIA_WEBHOOK_HOSTS`: the hosts a webhook may point at (default the two robot hosts;
 *   `host` allows any port, `host:port` one port; http only for allow-listed loopback hosts);
 * - `GOVMEDIA_WEB_URL`: the web app's base URL, for links in messages (none when unset).
 * A malformed allow-list stops the process with a message naming it.
 */
export const notifyConfig: { allowList: readonly AllowedHost[]; webUrl: string | undefined; timeoutMs: number } = {
  allowList: Object.freeze(parseAllowList(process.env.GOVMEDIA_WEBHOOK_HOSTS || undefined)),
  webUrl: process.env.GOVMEDIA_WEB_URL || undefined,
  timeoutMs: 10_000,
};

import { parseAllowList } from '../../shared/links/guard';

/**
 * The link check's settings, read once at module load. GOVMEDIA_LINK_CHECK_ALLOW lists the
 * `host:port` pairs the SSRF guard lets through (empty deployed; the tests' local server).
 * A malformed entry stops the process with its name.
 */
export const linkCheckConfig = {
  allow: parseAllowList(process.env.GOVMEDIA_LINK_CHECK_ALLOW),
  timeoutMs: Number(process.env.GOVMEDIA_LINK_CHECK_TIMEOUT_MS || 10_000),
} as const;

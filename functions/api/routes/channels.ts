import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { ChannelsInput, getChannels, setChannels, type ChannelPorts } from '../../../shared/notify/channels';
import { Id } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { notifyConfig } from '../../notify/config';
import { body, param, versionFrom } from '../validation';

const RegionCode = v.pipe(v.string('地区代码须为字符串'), v.regex(/^\d{6}$/, '地区代码须为 6 位数字'));

function channelPorts(c: Context<AppEnv>): ChannelPorts {
  const { stores, clock, ids, vault } = c.get('deps');
  // The vault lives only in the functions that handle secrets (see functions/api/deps.ts).
  if (!vault) throw new Error('credential vault not configured in this function');
  return { channels: stores.channels, departments: stores.departments, vault, allowList: notifyConfig.allowList, clock, ids };
}

/**
 * Group robots per department and per region: PUT replaces the whole configuration (a kind
 * left out is removed), GET shows what is configured. URLs and secrets are never returned,
 * logged or audited; validation messages name the host at most.
 */
export const channelRoutes = new Hono<AppEnv>()
  .put('/departments/:id/channels', async (c) => {
    const input = await body(c, ChannelsInput);
    const version = versionFrom(c, input.version);
    return c.json(await setChannels({ type: 'department', id: param(c, 'id', Id) }, { ...input, ...(version !== undefined ? { version } : {}) }, c.get('principal'), channelPorts(c)));
  })
  .get('/departments/:id/channels', async (c) => c.json(await getChannels({ type: 'department', id: param(c, 'id', Id) }, c.get('principal'), channelPorts(c))))
  .put('/regions/:code/channels', async (c) => {
    const input = await body(c, ChannelsInput);
    const version = versionFrom(c, input.version);
    return c.json(await setChannels({ type: 'region', id: param(c, 'code', RegionCode) }, { ...input, ...(version !== undefined ? { version } : {}) }, c.get('principal'), channelPorts(c)));
  })
  .get('/regions/:code/channels', async (c) => c.json(await getChannels({ type: 'region', id: param(c, 'code', RegionCode) }, c.get('principal'), channelPorts(c))));

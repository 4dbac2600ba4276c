import { Hono } from 'hono';
import * as v from 'valibot';
import { ChannelsInput, getChannels, setChannels } from '../../../shared/notify/channels';
import { Id } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { channelPortsOf } from '../../wiring/domain-ports';
import { body, param, versionFrom } from '../validation';

const RegionCode = v.pipe(v.string('地区代码须为字符串'), v.regex(/^\d{6}$/, '地区代码须为 6 位数字'));

/**
 * Group robots per department and per region: PUT replaces the whole configuration (a kind
 * left out is removed), GET shows what is configured. URLs and secrets are never returned,
 * logged or audited; validation messages name the host at most. Mounted at /departments.
 */
export const departmentChannelRoutes = new Hono<AppEnv>()
  .put('/:id/channels', async (c) => {
    const input = await body(c, ChannelsInput);
    const version = versionFrom(c, input.version);
    return c.json(await setChannels({ type: 'department', id: param(c, 'id', Id) }, { ...input, ...(version !== undefined ? { version } : {}) }, c.get('principal'), channelPortsOf(c.get('deps'))));
  })
  .get('/:id/channels', async (c) => c.json(await getChannels({ type: 'department', id: param(c, 'id', Id) }, c.get('principal'), channelPortsOf(c.get('deps')))));

/** Mounted at /regions: a region's group robots, as for a department. */
export const regionChannelRoutes = new Hono<AppEnv>()
  .put('/:code/channels', async (c) => {
    const input = await body(c, ChannelsInput);
    const version = versionFrom(c, input.version);
    return c.json(await setChannels({ type: 'region', id: param(c, 'code', RegionCode) }, { ...input, ...(version !== undefined ? { version } : {}) }, c.get('principal'), channelPortsOf(c.get('deps'))));
  })
  .get('/:code/channels', async (c) => c.json(await getChannels({ type: 'region', id: param(c, 'code', RegionCode) }, c.get('principal'), channelPortsOf(c.get('deps')))));

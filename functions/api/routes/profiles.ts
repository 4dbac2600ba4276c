import { Hono } from 'hono';
import * as v from 'valibot';
import { addProfileVersion, assignRegionProfile, effectiveProfile, listProfiles, profileHistory, regionChain, resolveProfile } from '../../../shared/profiles/catalog';
import { mayReadRegionProfile } from '../../../shared/profiles/governance';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { NotFound } from '../../../shared/errors';
import { ProfileName } from '../../../shared/profiles';
import type { AppEnv } from '../context';
import { body, jsonBody, param, query } from '../validation';

const Assignment = v.strictObject({
  profile: ProfileName,
  version: v.optional(v.pipe(v.number('版本号须为数字'), v.integer('版本号须为整数'), v.minValue(1, '版本号须为正整数'))),
});

const VersionQuery = v.strictObject({
  version: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'version 须为正整数'), v.transform(Number))),
});

export const profileRoutes = new Hono<AppEnv>()
  .get('/profiles', async (c) => c.json({ items: await listProfiles(c.get('deps').stores), cursor: null }))
  .get('/profiles/:name', async (c) => {
    const name = param(c, 'name', ProfileName);
    const { version } = query(c, VersionQuery);
    return c.json(await resolveProfile(name, version, c.get('deps').stores));
  })
  .get('/profiles/:name/versions', async (c) => {
    const name = param(c, 'name', ProfileName);
    return c.json({ items: await profileHistory(name, c.get('deps').stores), cursor: null });
  })
  .post('/profiles', async (c) => {
    const { stores, clock, ids } = c.get('deps');
    const entry = await addProfileVersion(await jsonBody(c), c.get('principal'), { profiles: stores.profiles, clock, ids });
    return c.json(entry.profile, 201);
  })
  .get('/regions/:code/profile', async (c) => {
    const regionCode = param(c, 'code', RegionCode);
    if (!mayReadRegionProfile(c.get('principal'), regionCode)) throw new NotFound('地区');
    const { profile, assignment } = await effectiveProfile(regionCode, c.get('deps').stores);
    return c.json({
      regionCode,
      profile: profile.name,
      profileVersion: profile.version,
      title: profile.title,
      source: !assignment ? 'builtin' : assignment.regionCode === regionCode ? 'own' : 'inherited',
      inheritedFrom: assignment?.regionCode ?? null,
      assignment: assignment ? { ...assignment, version: profile.version } : null,
    });
  })
  .get('/regions/:code/profile/history', async (c) => {
    // The adoptions that decide this region's profile: its own and those of the regions it inherits from.
    const regionCode = param(c, 'code', RegionCode);
    if (!mayReadRegionProfile(c.get('principal'), regionCode)) throw new NotFound('地区');
    const audit = c.get('deps').stores.audit;
    const pages = await Promise.all(regionChain(regionCode).map((code) => audit.ofEntity('profile', `region:${code}`, 100)));
    const items = pages.flatMap((p) => p.items).sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1));
    return c.json({ items, cursor: null });
  })
  .put('/regions/:code/profile', async (c) => {
    const regionCode = param(c, 'code', RegionCode);
    const { stores, clock, ids } = c.get('deps');
    return c.json(await assignRegionProfile(regionCode, await body(c, Assignment), c.get('principal'), { profiles: stores.profiles, clock, ids }));
  });

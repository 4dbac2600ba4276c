import { Hono } from 'hono';
import * as v from 'valibot';
import { addProfileVersion, assignRegionProfile, effectiveAssignment, listProfiles, profileForRegion, profileHistory, resolveProfile } from '../../../shared/profiles/catalog';
import { canSee } from '../../../shared/auth/principal';
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
    const p = c.get('principal');
    if (!canSee(p, { regionCode, departmentId: p.department })) throw new NotFound('地区');
    const stores = c.get('deps').stores;
    const [assignment, profile] = await Promise.all([effectiveAssignment(regionCode, stores), profileForRegion(regionCode, stores)]);
    return c.json({ regionCode, profile: profile.name, profileVersion: profile.version, title: profile.title, inheritedFrom: assignment?.regionCode ?? null, assignment: assignment ?? null });
  })
  .put('/regions/:code/profile', async (c) => {
    const regionCode = param(c, 'code', RegionCode);
    const { stores, clock, ids } = c.get('deps');
    return c.json(await assignRegionProfile(regionCode, await body(c, Assignment), c.get('principal'), { profiles: stores.profiles, clock, ids }));
  });

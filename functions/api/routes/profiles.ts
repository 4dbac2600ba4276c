import { Hono } from 'hono';
import * as v from 'valibot';
import { addProfileVersion, assignRegionProfile, listProfiles, profileHistory, resolveProfile } from '../../../shared/profiles/catalog';
import { regionProfileHistory, regionProfileView } from '../../../shared/profiles/region-profile';
import { RegionCode } from '../../../shared/auth/principal-schema';
import { ProfileName } from '../../../shared/profiles';
import { profilePortsOf } from '../../wiring/domain-ports';
import type { AppEnv } from '../context';
import { body, jsonBody, param, query } from '../validation';

const Assignment = v.strictObject({
  profile: ProfileName,
  version: v.optional(v.pipe(v.number('版本号须为数字'), v.integer('版本号须为整数'), v.minValue(1, '版本号须为正整数'))),
});

const VersionQuery = v.strictObject({
  version: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'version 须为正整数'), v.transform(Number))),
});

/** Mounted at /profiles: the rule profiles and their versions. */
export const profileRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json({ items: await listProfiles(profilePortsOf(c.get('deps'))), cursor: null }))
  .get('/:name', async (c) => {
    const name = param(c, 'name', ProfileName);
    const { version } = query(c, VersionQuery);
    return c.json(await resolveProfile(name, version, profilePortsOf(c.get('deps'))));
  })
  .get('/:name/versions', async (c) => {
    const name = param(c, 'name', ProfileName);
    return c.json({ items: await profileHistory(name, profilePortsOf(c.get('deps'))), cursor: null });
  })
  .post('/', async (c) => {
    const entry = await addProfileVersion(await jsonBody(c), c.get('principal'), profilePortsOf(c.get('deps')));
    return c.json(entry.profile, 201);
  });

/** Mounted at /regions: the profile a region applies, its adoption history, adopting one. */
export const regionProfileRoutes = new Hono<AppEnv>()
  .get('/:code/profile', async (c) =>
    c.json(await regionProfileView(param(c, 'code', RegionCode), c.get('principal'), profilePortsOf(c.get('deps')))),
  )
  .get('/:code/profile/history', async (c) =>
    c.json(await regionProfileHistory(param(c, 'code', RegionCode), c.get('principal'), profilePortsOf(c.get('deps')))),
  )
  .put('/:code/profile', async (c) => {
    const regionCode = param(c, 'code', RegionCode);
    return c.json(await assignRegionProfile(regionCode, await body(c, Assignment), c.get('principal'), profilePortsOf(c.get('deps'))));
  });

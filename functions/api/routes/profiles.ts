import { Hono } from 'hono';
import * as v from 'valibot';
import { addProfileVersion, listProfiles, profileHistory, resolveProfile } from '../../../shared/profiles/catalog';
import { ProfileName } from '../../../shared/profiles';
import type { AppEnv } from '../context';
import { jsonBody, param, query } from '../validation';

const VersionQuery = v.strictObject({
  version: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'version 须为正整数'), v.transform(Number))),
});

export const profileRoutes = new Hono<AppEnv>()
  .get('/profiles', async (c) => c.json({ items: await listProfiles(c.get('deps').stores) }))
  .get('/profiles/:name', async (c) => {
    const name = param(c, 'name', ProfileName);
    const { version } = query(c, VersionQuery);
    return c.json(await resolveProfile(name, version, c.get('deps').stores));
  })
  .get('/profiles/:name/versions', async (c) => {
    const name = param(c, 'name', ProfileName);
    return c.json({ items: await profileHistory(name, c.get('deps').stores) });
  })
  .post('/profiles', async (c) => {
    const { stores, clock, ids } = c.get('deps');
    const entry = await addProfileVersion(await jsonBody(c), c.get('principal'), { profiles: stores.profiles, clock, ids });
    return c.json(entry.profile, 201);
  });

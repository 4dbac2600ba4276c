import { Hono } from 'hono';
import * as v from 'valibot';
import { DevTokenRequest } from '../../../shared/auth/principal-schema';
import { IsoInstant } from '../../../shared/registry/schemas';
import { NotFound } from '../../../shared/errors';
import type { AppEnv } from '../context';
import type { Deps } from '../../wiring/deps';
import { body } from '../validation';

const SetClock = v.strictObject({ now: IsoInstant });

/**
 * Local mode only (API.md): token issuing, the demo users, the dev clock and running a job at
 * once. The deployed stack has no dev issuer, so none of these routes exist there. They need no
 * token, like /dev/token.
 */
export function devRoutes(deps: Deps): Hono<AppEnv> | null {
  const { devIssuer, devUsers, devClock, devJobs } = deps;
  if (!devIssuer) return null;
  const dev = new Hono<AppEnv>();
  dev.post('/token', async (c) => c.json({ token: await devIssuer.issue(await body(c, DevTokenRequest)) }));
  if (devUsers) dev.get('/users', async (c) => c.json({ items: await devUsers() }));
  if (devClock) {
    const state = () => ({ now: devClock.now(), setTo: devClock.setTo, real: devClock.setTo === null });
    dev.get('/clock', (c) => c.json(state()));
    dev.put('/clock', async (c) => {
      devClock.set((await body(c, SetClock)).now);
      c.get('log')?.info('dev clock set', { now: devClock.now() });
      return c.json(state());
    });
    dev.delete('/clock', (c) => {
      devClock.reset();
      return c.json(state());
    });
  }
  if (devJobs) {
    dev.post('/jobs/:name', async (c) => {
      const name = c.req.param('name');
      const job = devJobs[name];
      if (!job) throw new NotFound(`任务 ${name.slice(0, 40)}（可用：${Object.keys(devJobs).join(', ')}）`);
      const started = Date.now();
      const result = await job();
      return c.json({ job: name, ranAt: deps.clock.now(), durationMs: Date.now() - started, result });
    });
  }
  return dev;
}

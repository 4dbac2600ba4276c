import { Hono } from 'hono';
import { accountConnector } from '../../../shared/connectors/health';
import { accountLinkCheck } from '../../../shared/links/check';
import { Id } from '../../../shared/registry/schemas';
import type { AppEnv } from '../context';
import { param } from '../validation';
import { connectorHealthPortsOf, linkViewPortsOf } from '../../wiring/connector-ports';

/** Mounted at /accounts. GET /accounts/{id}/connector: automatic or manual, credential status, last fetch, last error, next attempt, dataAsOf. */
export const connectorRoutes = new Hono<AppEnv>()
  .get('/:id/connector', async (c) => {
    return c.json(await accountConnector(param(c, 'id', Id), c.get('principal'), connectorHealthPortsOf(c.get('deps'))));
  })
  /** GET /accounts/{id}/links: the daily link check's last results (status, error in words, time) per service link and the account URL. */
  .get('/:id/links', async (c) => {
    return c.json(await accountLinkCheck(param(c, 'id', Id), c.get('principal'), linkViewPortsOf(c.get('deps'))));
  });

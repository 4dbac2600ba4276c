import { Hono } from 'hono';
import * as v from 'valibot';
import { checkContent } from '../../../shared/content';
import type { AppEnv } from '../context';
import { body } from '../validation';

const ContentCheckRequest = v.strictObject({
  title: v.optional(v.pipe(v.string('标题须为字符串'), v.maxLength(200, '标题不能超过 200 个字符'))),
  text: v.pipe(v.string('正文须为字符串'), v.maxLength(50_000, '正文不能超过 50000 个字符')),
});

/** Mounted at /content. */
export const contentRoutes = new Hono<AppEnv>().post('/check', async (c) => {
  const input = await body(c, ContentCheckRequest);
  return c.json(checkContent(input));
});

// The baseline for cold start: the smallest useful Hono + DynamoDB GetItem Lambda, bundled the same way.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const doc = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, region: 'cn-north-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);
const app = new Hono();
app.get('/api/v1/accounts/:id', async (c) => {
  const out = await doc.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: { pk: `ACC#${c.req.param('id')}`, sk: 'A' } }));
  return out.Item ? c.json(out.Item) : c.json({ error: 'not found' }, 404);
});
export const handler = handle(app);

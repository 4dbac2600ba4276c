import type { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { gradeBatch } from '../../../functions/jobs/grade-chunk';
import { gradingQueue, type QueueSender } from '../../../functions/jobs/grading-queue';
import type { GradingChunk, GradingJobPorts, JobFailure } from '../../../shared/assessment/jobs';

const chunk = (index: number): GradingChunk => ({ kind: 'inspection', jobId: 'job1', index, accountIds: [`a${index}`, `b${index}`] });

/** An SQS client that records each SendMessageBatch and answers `failed(call)` as its failed entries. */
function sender(failed: (call: number, ids: string[]) => { Id: string; Code: string; SenderFault: boolean }[] = () => []) {
  const calls: { QueueUrl?: string; Entries: { Id?: string; MessageBody?: string }[] }[] = [];
  const client: QueueSender = {
    async send(command: SendMessageBatchCommand) {
      const input = command.input as (typeof calls)[number];
      calls.push(input);
      return { Failed: failed(calls.length, input.Entries.map((e) => e.Id!)) };
    },
  };
  return { client, calls };
}

describe('the grading queue engine', () => {
  it('sends each chunk as one message, 10 per SendMessageBatch', async () => {
    const { client, calls } = sender();
    await gradingQueue('https://sqs.cn-north-1.amazonaws.com.cn/1/grading', client).submit(Array.from({ length: 23 }, (_, i) => chunk(i)));
    expect(calls.map((c) => c.Entries.length)).toEqual([10, 10, 3]);
    expect(calls.every((c) => c.QueueUrl === 'https://sqs.cn-north-1.amazonaws.com.cn/1/grading')).toBe(true);
    const bodies = calls.flatMap((c) => c.Entries.map((e) => JSON.parse(e.MessageBody!)));
    expect(bodies).toEqual(Array.from({ length: 23 }, (_, i) => chunk(i)));
  });

  it("sends a chunk's ids, not the accounts the local pool hands over (a batch carries at most 256 KB)", async () => {
    const { client, calls } = sender();
    const accounts = chunk(0).accountIds.map((id) => ({ id, name: `账号${id}` }) as unknown as NonNullable<GradingChunk['accounts']>[number]);
    await gradingQueue('q', client).submit([{ ...chunk(0), accounts }]);
    expect(JSON.parse(calls[0]!.Entries[0]!.MessageBody!)).toEqual(chunk(0));
  });

  it('sends again only the entries SQS answered as failed', async () => {
    const { client, calls } = sender((n, ids) => (n === 1 ? [{ Id: ids[2]!, Code: 'InternalError', SenderFault: false }] : []));
    await gradingQueue('q', client).submit([chunk(0), chunk(1), chunk(2)]);
    expect(calls.map((c) => c.Entries.map((e) => e.Id))).toEqual([['c0', 'c1', 'c2'], ['c2']]);
  });

  it('throws when a chunk cannot be sent, so the job ends not_queued', async () => {
    const { client } = sender((_, ids) => [{ Id: ids[0]!, Code: 'InvalidParameterValue', SenderFault: true }]);
    await expect(gradingQueue('q', client).submit([chunk(0)])).rejects.toThrow(/InvalidParameterValue/);
  });
});

const record = (body: unknown, receives: number, messageId = `m${receives}`) => ({
  messageId,
  receiptHandle: 'r',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: { ApproximateReceiveCount: String(receives), SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0' },
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws-cn:sqs:cn-north-1:1:grading',
  awsRegion: 'cn-north-1',
});

function fakePorts() {
  const failures: JobFailure[] = [];
  const ports = {
    clock: { now: () => '2026-11-20T02:00:00.000Z' },
    inspections: {
      jobState: async () => ({ id: 'job1', status: 'running', progress: { checked: 0, total: 200 }, chunks: 2, chunksDone: 0, updatedAt: '2026-11-20T02:00:00.000Z' }),
      failJob: async (_k: string, _id: string, failure: JobFailure) => (failures.push(failure), true),
    },
  } as unknown as GradingJobPorts;
  return { ports, failures };
}

describe('the grading function', () => {
  it('grades every chunk of the batch and reports no failure', async () => {
    const { ports } = fakePorts();
    const graded: number[] = [];
    const event = { Records: [record(chunk(0), 1, 'a'), record(chunk(1), 1, 'b')] } as SQSEvent;
    const answer = await gradeBatch(event, ports, { run: async (c) => void graded.push(c.index) });
    expect(graded).toEqual([0, 1]);
    expect(answer).toEqual({ batchItemFailures: [] });
  });

  it('reports a chunk that throws as a batch item failure, so SQS delivers it again, and leaves the job running', async () => {
    const { ports, failures } = fakePorts();
    const event = { Records: [record(chunk(0), 1, 'ok'), record(chunk(1), 2, 'bad')] } as SQSEvent;
    const answer = await gradeBatch(event, ports, { maxReceives: 3, run: async (c) => { if (c.index === 1) throw new Error('throttled'); } });
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'bad' }]);
    expect(failures).toEqual([]);
  });

  it('on the last receive marks the job failed with the reason, and still reports the failure (to the dead-letter queue)', async () => {
    const { ports, failures } = fakePorts();
    const event = { Records: [record(chunk(1), 3, 'last')] } as SQSEvent;
    const answer = await gradeBatch(event, ports, { maxReceives: 3, run: async () => { throw new Error('account a1 not found'); } });
    expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'last' }]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'chunk_failed', chunk: 1 });
    expect(failures[0]!.message).toContain('评分 3 次均失败');
    expect(failures[0]!.message).toContain('account a1 not found');
  });

  it.each([['not json'], [{ kind: 'sweep', jobId: 'j', index: 0, accountIds: ['a'] }], [{ kind: 'inspection', jobId: 'j', index: -1, accountIds: ['a'] }]])(
    'sends a message that is not a chunk (%j) to the dead-letter queue without grading',
    async (body) => {
      const { ports } = fakePorts();
      let ran = false;
      const answer = await gradeBatch({ Records: [record(body, 1, 'x')] } as SQSEvent, ports, { run: async () => void (ran = true) });
      expect(ran).toBe(false);
      expect(answer.batchItemFailures).toEqual([{ itemIdentifier: 'x' }]);
    },
  );
});

import { describe, expect, it } from 'vitest';
import { gradingPool } from '../../../functions/jobs/grading-pool';
import type { GradingChunk, GradingJobPorts, JobFailure } from '../../../shared/assessment/jobs';

const chunk = (index: number): GradingChunk => ({ kind: 'inspection', jobId: 'job1', index, accountIds: [`a${index}`] });

/** The job store the pool touches when it gives a chunk up: the header's state and its failure. */
function fakePorts() {
  const failures: JobFailure[] = [];
  const ports = {
    clock: { now: () => '2026-11-20T02:00:00.000Z' },
    inspections: {
      jobState: async () => ({ id: 'job1', status: 'running', progress: { checked: 0, total: 300 }, chunks: 3, chunksDone: 0, updatedAt: '2026-11-20T02:00:00.000Z' }),
      failJob: async (_kind: string, _id: string, failure: JobFailure) => {
        failures.push(failure);
        return true;
      },
    },
  } as unknown as GradingJobPorts;
  return { ports, failures };
}

describe('the grading pool', () => {
  it('runs every chunk submitted once', async () => {
    const { ports, failures } = fakePorts();
    const ran: number[] = [];
    const pool = gradingPool(() => ports, { run: async (c) => void ran.push(c.index) });
    await pool.submit([chunk(0), chunk(1), chunk(2)]);
    await pool.idle();
    expect(ran.sort()).toEqual([0, 1, 2]);
    expect(failures).toEqual([]);
    expect(pool.pending).toBe(0);
  });

  it('retries a chunk that fails once, after the backoff, and does not fail the job', async () => {
    const { ports, failures } = fakePorts();
    const tries: number[] = [];
    const waits: number[] = [];
    const pool = gradingPool(() => ports, {
      backoffMs: (attempt) => (waits.push(attempt), 5),
      run: async (c) => {
        tries.push(c.index);
        if (tries.length === 1) throw new Error('throttled');
      },
    });
    await pool.submit([chunk(0)]);
    await pool.idle();
    expect(tries).toEqual([0, 0]);
    expect(waits).toEqual([1]);
    expect(failures).toEqual([]);
  });

  it('fails the job, naming the chunk, the attempts and the reason, once a chunk has failed every attempt', async () => {
    const { ports, failures } = fakePorts();
    let tries = 0;
    const pool = gradingPool(() => ports, {
      attempts: 3,
      backoffMs: () => 1,
      run: async () => {
        tries++;
        throw new Error('table unavailable');
      },
    });
    await pool.submit([chunk(1)]);
    await pool.idle();
    expect(tries).toBe(3);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ code: 'chunk_failed', chunk: 1 });
    expect(failures[0]!.message).toContain('第 2 批账号（共 3 批）评分 3 次均失败');
    expect(failures[0]!.message).toContain('table unavailable');
  });

  it.each([1, 2, 4])('grades at most %i chunks at once', async (workers) => {
    const { ports } = fakePorts();
    let inFlight = 0;
    let most = 0;
    const pool = gradingPool(() => ports, {
      workers,
      run: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
      },
    });
    await pool.submit(Array.from({ length: 10 }, (_, i) => chunk(i)));
    await pool.idle();
    expect(most).toBe(workers);
  });

  it('keeps grading the other chunks when one is given up', async () => {
    const { ports, failures } = fakePorts();
    const done: number[] = [];
    const pool = gradingPool(() => ports, {
      workers: 1,
      attempts: 2,
      backoffMs: () => 1,
      run: async (c) => {
        if (c.index === 0) throw new Error('bad chunk');
        done.push(c.index);
      },
    });
    await pool.submit([chunk(0), chunk(1), chunk(2)]);
    await pool.idle();
    expect(done).toEqual([1, 2]);
    expect(failures.map((f) => f.chunk)).toEqual([0]);
  });
});

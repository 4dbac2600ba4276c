import type { ChunkLanding, GradingJobStore, JobFailure, JobKind, JobState, ResultRow, WhatIfChangeRow } from '../../shared/assessment/jobs';
import type { Inspection } from '../../shared/assessment/assessment-ports';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Grade } from '../../shared/grading/types';
import { fromItem, keys } from './keys';
import { filterOf, TransactionCancelled, type Page, type Table } from './table';

type InspectionRecord = Omit<Inspection, 'results'>;
type Item = Record<string, unknown>;

/** Filters of GET /inspections/{id}/results. */
export interface ResultFilter {
  verdict?: 'pass' | 'fail';
  departmentId?: string;
  platform?: string;
}

const headerKey = (kind: JobKind, id: string) => (kind === 'inspection' ? keys.inspection(id) : keys.whatIf(id));
const chunkKey = (kind: JobKind, id: string, index: number) => (kind === 'inspection' ? keys.inspectionChunk(id, index) : keys.whatIfChunk(id, index));
const chunksOf = (kind: JobKind, id: string) => (kind === 'inspection' ? keys.inspectionChunks(id) : keys.whatIfChunks(id));

/**
 * An inspection is a header item plus one item per result, so a region's thousands of grades
 * never approach the 400 KB item limit; graded as a job, it also has one item per landed chunk
 * (its partial summary) in the same partition. A result item carries the account's platform and
 * department as hidden attributes (`_platform`, `_departmentId`) for the results filters. An
 * inspection graded in the request writes its results first and its header (status `done`,
 * with its audit entry) last; a job's header is written `running` first and becomes `done` only
 * when its last chunk has landed. A what-if job is the same under `WHATIF#` (header, chunks,
 * one item per account whose verdict changes).
 */
export class InspectionRepository implements GradingJobStore {
  constructor(private readonly table: Table) {}

  /** The whole inspection in one go (grades given inline); kept for callers of the older shape. */
  async save(inspection: Inspection, audit: AuditEntry): Promise<void> {
    const { results, ...header } = inspection;
    await this.table.batchPut(results.map((g) => resultItem(inspection.id, g)));
    await this.createHeader(header as unknown as Item, audit);
  }

  /** A new inspection header with its audit entry; `rows` (graded in the request) are written before it. */
  async create(header: InspectionRecord & JobState, audit: AuditEntry, rows: readonly ResultRow[] = []): Promise<void> {
    await this.putResultRows(header.id, rows);
    await this.createHeader(header as unknown as Item, audit);
  }

  private async createHeader(header: Item, audit: AuditEntry): Promise<void> {
    const id = header.id as string;
    await this.table.transact([
      this.table.put({ ...keys.inspection(id), ...keys.inspectionIndex(header.regionCode as string, header.createdAt as string, id), ...header }, 'attribute_not_exists(pk)'),
      this.table.auditPut(audit),
    ]);
  }

  /** A new what-if job's header. */
  async createWhatIf(header: JobState & Item): Promise<void> {
    await this.table.transact([this.table.put({ ...keys.whatIf(header.id), ...header }, 'attribute_not_exists(pk)')]);
  }

  async putResultRows(id: string, rows: readonly ResultRow[]): Promise<void> {
    await this.table.batchPut(rows.map((r) => resultItem(id, r.grade, r)));
  }

  async putWhatIfChanges(id: string, rows: readonly WhatIfChangeRow[]): Promise<void> {
    await this.table.batchPut(rows.map((r) => ({ ...keys.whatIfChange(id, r.accountId), ...r })));
  }

  async jobState(kind: JobKind, id: string): Promise<(JobState & Item) | undefined> {
    const item = await this.table.get(headerKey(kind, id));
    return item ? fromItem<JobState & Item>(item) : undefined;
  }

  async landChunk(kind: JobKind, id: string, index: number, size: number, partial: unknown, at: string): Promise<ChunkLanding> {
    try {
      await this.table.transact([
        this.table.put({ ...chunkKey(kind, id, index), index, size, partial, at }, 'attribute_not_exists(pk)'),
        {
          Update: {
            TableName: this.table.name,
            Key: headerKey(kind, id),
            UpdateExpression: 'SET #pr.#ck = #pr.#ck + :n, #cd = #cd + :one, #u = :at',
            ConditionExpression: '#st = :running',
            ExpressionAttributeNames: { '#pr': 'progress', '#ck': 'checked', '#cd': 'chunksDone', '#u': 'updatedAt', '#st': 'status' },
            ExpressionAttributeValues: { ':n': size, ':one': 1, ':at': at, ':running': 'running' },
          },
        },
      ]);
      return 'counted';
    } catch (err) {
      if (err instanceof TransactionCancelled) {
        if (err.failedAt(0)) return 'already';
        if (err.failedAt(1)) return 'not_running';
      }
      throw err;
    }
  }

  async partials(kind: JobKind, id: string): Promise<unknown[]> {
    const q = chunksOf(kind, id);
    const items = await this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } });
    return items.map((i) => i.partial);
  }

  async finishJob(kind: JobKind, id: string, fields: Record<string, unknown>, at: string): Promise<boolean> {
    return this.settle(kind, id, { ...fields, status: 'done', completedAt: at, updatedAt: at });
  }

  async failJob(kind: JobKind, id: string, failure: JobFailure): Promise<boolean> {
    return this.settle(kind, id, { status: 'failed', failure, completedAt: failure.at, updatedAt: failure.at });
  }

  /** running → its end state, once: the first finisher wins, later ones (a redelivered last chunk, a late failure) change nothing. */
  private async settle(kind: JobKind, id: string, fields: Record<string, unknown>): Promise<boolean> {
    const names: Record<string, string> = { '#st': 'status' };
    const values: Record<string, unknown> = { ':running': 'running' };
    const sets = Object.entries(fields).map(([k, v], i) => {
      names[`#a${i}`] = k;
      values[`:a${i}`] = v;
      return `#a${i} = :a${i}`;
    });
    try {
      await this.table.update(headerKey(kind, id), `SET ${sets.join(', ')}`, names, values, '#st = :running');
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /** The header only (no results): what GET /inspections/{id} starts from. */
  async header(id: string): Promise<(InspectionRecord & Partial<JobState>) | undefined> {
    const item = await this.table.get(keys.inspection(id));
    return item ? fromItem<InspectionRecord & Partial<JobState>>(item) : undefined;
  }

  /**
   * The whole inspection with every result, only once it is `done` (or stored before jobs): a
   * running or failed job has no whole set of results, so a rectification notice or a document
   * can never be made from part of one.
   */
  async get(id: string): Promise<Inspection | undefined> {
    const header = await this.header(id);
    if (!header || (header.status !== undefined && header.status !== 'done')) return undefined;
    const q = keys.inspectionResults(id);
    const results = await this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } });
    return { ...header, results: results.map(gradeOf) };
  }

  /** One page of an inspection's grades (account id order), filtered; the cursor is sealed to this inspection and these filters. */
  async resultsPage(id: string, filter: ResultFilter, limit: number, cursor?: string): Promise<Page<Grade>> {
    const q = keys.inspectionResults(id);
    const page = await this.table.page({
      partition: { name: 'pk', value: q.pk },
      sortPrefix: { name: 'sk', value: q.prefix },
      filter: filterOf([
        { attribute: 'verdict', value: filter.verdict },
        { attribute: '_departmentId', value: filter.departmentId },
        { attribute: '_platform', value: filter.platform },
      ]),
      limit,
      cursor,
    });
    return { items: page.items.map(gradeOf), cursor: page.cursor };
  }

  /** Every account whose verdict changes in a what-if job (account id order). */
  async whatIfChanges(id: string): Promise<WhatIfChangeRow[]> {
    const q = keys.whatIfChanges(id);
    const items = await this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } });
    return items.map((i) => fromItem<WhatIfChangeRow>(i));
  }

  /** A region's inspections, newest first (headers only). */
  async listInRegion(regionPrefix: string, limit: number, cursor?: string): Promise<Page<InspectionRecord>> {
    const q = keys.inspectionsInRegion(regionPrefix);
    const page = await this.table.page({
      index: 'gsi1',
      partition: { name: 'gsi1pk', value: q.gsi1pk },
      filter: { expression: 'begins_with(#r, :r)', names: { '#r': 'regionCode' }, values: { ':r': regionPrefix } },
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: page.items.map((i) => fromItem<InspectionRecord>(i)), cursor: page.cursor };
  }
}

/**
 * A result row: the grade as one JSON string (`body`), beside the attributes the results filters
 * read (verdict, platform, department). Marshalling a grade's nested evidence into DynamoDB maps
 * cost an inspection more than writing it (docs/data-model.md); rows stored as maps still read.
 */
function resultItem(inspectionId: string, grade: Grade, where?: { platform: string; departmentId: string }): Record<string, unknown> {
  return {
    ...keys.inspectionResult(inspectionId, grade.accountId),
    accountId: grade.accountId,
    verdict: grade.verdict,
    ...(where ? { _platform: where.platform, _departmentId: where.departmentId } : {}),
    body: JSON.stringify(grade),
  };
}

function gradeOf(item: Record<string, unknown>): Grade {
  return typeof item.body === 'string' ? (JSON.parse(item.body) as Grade) : fromItem<Grade>(item);
}

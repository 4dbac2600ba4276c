import { CHUNK_SIZE, type ChunkLanding, type GradingJobStore, type InspectionHeader, type JobFailure, type JobKind, type JobState, type ResultRow, type WhatIfChangeRow } from '../../shared/assessment/jobs';
import type { Inspection } from '../../shared/assessment/assessment-ports';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Grade } from '../../shared/grading/types';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { promisify } from 'node:util';
import { deflateRaw, inflateRaw, constants as zlib } from 'node:zlib';
import { fromItem, keys } from './keys';
import { filterOf, TransactionCancelled, type Page, type Table, type TransactItem } from './table';

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
 * An inspection is a header item plus its grades, one item per chunk of accounts (pattern J3:
 * a chunk's grades as one compressed JSON list, split into several items only if it would pass
 * GRADES_ITEM_BYTES), so a region's thousands of grades never approach the 400 KB item limit and
 * cost a hundredth of the writes of one item per account. A grades item lists the verdicts,
 * platforms and departments inside it (`_verdicts`, `_platforms`, `_departmentIds`) so the
 * results filters skip items with nothing to answer. Graded as a job, an inspection also has one
 * item per landed chunk (its partial summary) in the same partition, written in one transaction
 * with the chunk's grades. An inspection graded in the request writes its grades first and its
 * header (status `done`, with its audit entry) last; a job's header is written `running` first
 * and becomes `done` only when its last chunk has landed. Inspections stored by earlier versions
 * have one item per result (`R#<accountId>`), which still read. A what-if job is the same under
 * `WHATIF#` (header, chunks, one item per account whose verdict changes).
 */
export class InspectionRepository implements GradingJobStore {
  constructor(private readonly table: Table) {}

  /** A new inspection header with its audit entry; `rows` (graded in the request) are written before it. */
  async create(header: InspectionHeader, audit: AuditEntry, rows: readonly ResultRow[] = []): Promise<void> {
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

  /** Grades graded in the request (an inspection of at most INLINE_LIMIT accounts): one grades item per CHUNK_SIZE of them, before the header. */
  async putResultRows(id: string, rows: readonly ResultRow[]): Promise<void> {
    const chunks = Array.from({ length: Math.ceil(rows.length / CHUNK_SIZE) }, (_, i) => rows.slice(i * CHUNK_SIZE, (i + 1) * CHUNK_SIZE));
    const items = (await Promise.all(chunks.map((chunk, index) => gradeItems(id, index, chunk)))).flat();
    await this.table.batchPut(items);
  }

  async putWhatIfChanges(id: string, rows: readonly WhatIfChangeRow[]): Promise<void> {
    await this.table.batchPut(rows.map((r) => ({ ...keys.whatIfChange(id, r.accountId), ...r })));
  }

  async jobState(kind: JobKind, id: string): Promise<(JobState & Item) | undefined> {
    const item = await this.table.get(headerKey(kind, id));
    return item ? fromItem<JobState & Item>(item) : undefined;
  }

  /**
   * The chunk's item, the header's progress and the chunk's grades (an inspection's) in one
   * transaction: a chunk's grades are stored exactly when it counts, so a retried or redelivered
   * chunk ('already') writes nothing and no grade is ever stored twice.
   */
  async landChunk(kind: JobKind, id: string, index: number, size: number, partial: unknown, at: string, results: readonly ResultRow[] = []): Promise<ChunkLanding> {
    const grades: TransactItem[] = results.length ? (await gradeItems(id, index, results)).map((item) => this.table.put(item)) : [];
    if (grades.length > MAX_GRADE_PARTS) throw new Error(`chunk ${index}: its grades need ${grades.length} items, more than one transaction holds`);
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
        ...grades,
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
   * can never be made from part of one. Results in chunk order (the order a job grades them);
   * an inspection stored with one item per result, in account id order.
   */
  async get(id: string): Promise<Inspection | undefined> {
    const header = await this.header(id);
    if (!header || (header.status !== undefined && header.status !== 'done')) return undefined;
    const g = keys.inspectionGradeItems(id);
    const q = keys.inspectionResults(id);
    const [gradeItemList, rows] = await Promise.all([
      this.table.all({ partition: { name: 'pk', value: g.pk }, sortRange: { name: 'sk', from: g.from, to: g.to } }),
      this.table.all({ partition: { name: 'pk', value: q.pk }, sortPrefix: { name: 'sk', value: q.prefix } }),
    ]);
    const grades = (await Promise.all(gradeItemList.map(async (item) => (await rowsOf(item)).map((r) => r.grade)))).flat();
    return { ...header, results: [...grades, ...rows.map(gradeOf)] };
  }

  /**
   * One page of an inspection's grades, filtered, in chunk order; the cursor (a position inside
   * a grades item) is sealed to this inspection and these filters. An inspection stored with one
   * item per result pages those, in account id order, with a list cursor.
   */
  async resultsPage(id: string, filter: ResultFilter, limit: number, cursor?: string): Promise<Page<Grade>> {
    const list = JSON.stringify(['inspection-grades', id, filter.verdict ?? null, filter.departmentId ?? null, filter.platform ?? null]);
    const position = cursor === undefined ? { sk: keys.inspectionGradeItems(id).from, at: '0' } : this.table.openPosition(cursor, list);
    if (position) {
      const page = await this.gradesPage(id, filter, limit, position.sk!, Number(position.at));
      // No grades items at all: an inspection stored before them (or with no results) pages its result items.
      if (page.items.length || page.next || cursor !== undefined || (await this.hasGradeItems(id))) {
        return { items: page.items, cursor: page.next ? this.table.sealPosition({ sk: page.next.sk, at: String(page.next.at) }, list) : null };
      }
    }
    return this.legacyResultsPage(id, filter, limit, cursor);
  }

  /** Grades matching `filter` from grade `at` of the item at `fromSk` on; `next` is where the following page starts (none: nothing left). */
  private async gradesPage(id: string, filter: ResultFilter, limit: number, fromSk: string, at: number): Promise<{ items: Grade[]; next?: { sk: string; at: number } }> {
    const g = keys.inspectionGradeItems(id);
    const where = filterOf([
      { attribute: '_verdicts', op: 'contains', value: filter.verdict },
      { attribute: '_departmentIds', op: 'contains', value: filter.departmentId },
      { attribute: '_platforms', op: 'contains', value: filter.platform },
    ]);
    const wanted = (r: ResultRow) =>
      (!filter.verdict || r.grade.verdict === filter.verdict) && (!filter.departmentId || r.departmentId === filter.departmentId) && (!filter.platform || r.platform === filter.platform);
    const items: Grade[] = [];
    let startKey: Record<string, unknown> | undefined;
    let skip = at;
    do {
      const out = await this.table.doc.send(
        new QueryCommand({
          TableName: this.table.name,
          KeyConditionExpression: '#p = :p AND #s BETWEEN :from AND :to',
          FilterExpression: where?.expression,
          ExpressionAttributeNames: { '#p': 'pk', '#s': 'sk', ...where?.names },
          ExpressionAttributeValues: { ':p': g.pk, ':from': fromSk, ':to': g.to, ...where?.values },
          ExclusiveStartKey: startKey,
          // A grades item answers up to a chunk's grades: two cover a page of up to 100.
          Limit: Math.max(2, Math.ceil(limit / CHUNK_SIZE) + 1),
          ConsistentRead: true,
        }),
      );
      for (const item of out.Items ?? []) {
        const sk = item.sk as string;
        const rows = await rowsOf(item);
        for (let i = sk === fromSk ? skip : 0; i < rows.length; i++) {
          if (!wanted(rows[i]!)) continue;
          if (items.length === limit) return { items, next: { sk, at: i } };
          items.push(rows[i]!.grade);
        }
        skip = 0;
      }
      startKey = out.LastEvaluatedKey;
    } while (startKey);
    return { items };
  }

  private async hasGradeItems(id: string): Promise<boolean> {
    const g = keys.inspectionGradeItems(id);
    const page = await this.table.page({ partition: { name: 'pk', value: g.pk }, sortRange: { name: 'sk', from: g.from, to: g.to }, projection: ['sk'], limit: 1 });
    return page.items.length > 0;
  }

  /** Results stored one item per account (by earlier versions), in account id order. */
  private async legacyResultsPage(id: string, filter: ResultFilter, limit: number, cursor?: string): Promise<Page<Grade>> {
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

/** Past this many bytes (compressed) a chunk's grades are split over more items: well under DynamoDB's 400 KB item limit. */
const GRADES_ITEM_BYTES = 350 * 1024;
/** A landing transaction holds the chunk's item, the header's update and at most this many grades items (4 MB a transaction). */
const MAX_GRADE_PARTS = 10;

const deflate = promisify(deflateRaw);
const inflate = promisify(inflateRaw);

/**
 * The items holding a chunk's grades: the rows as one JSON list, compressed (a hundred grades
 * repeat the same keys and indicator names: ~250 KB of JSON become a tenth of it, and a tenth of
 * the bytes written and read), halved until each part fits GRADES_ITEM_BYTES.
 */
async function gradeItems(inspectionId: string, chunk: number, rows: readonly ResultRow[]): Promise<Record<string, unknown>[]> {
  const parts: { rows: readonly ResultRow[]; body: Buffer }[] = [];
  const split = async (part: readonly ResultRow[]): Promise<void> => {
    const body = await deflate(JSON.stringify(part), { level: zlib.Z_BEST_SPEED });
    if (body.length <= GRADES_ITEM_BYTES || part.length === 1) parts.push({ rows: part, body });
    else {
      const half = Math.ceil(part.length / 2);
      await split(part.slice(0, half));
      await split(part.slice(half));
    }
  };
  await split(rows);
  return parts.map((p, part) => ({
    ...keys.inspectionGrades(inspectionId, chunk, part),
    chunk,
    part,
    count: p.rows.length,
    _verdicts: distinct(p.rows.map((r) => r.grade.verdict)),
    _platforms: distinct(p.rows.map((r) => r.platform)),
    _departmentIds: distinct(p.rows.map((r) => r.departmentId)),
    grades: p.body,
  }));
}

const distinct = (values: readonly string[]) => [...new Set(values)];

async function rowsOf(item: Record<string, unknown>): Promise<ResultRow[]> {
  return JSON.parse((await inflate(item.grades as Uint8Array)).toString('utf8')) as ResultRow[];
}

/** A result item stored one per account by earlier versions: the grade as one JSON string (`body`), or spread over the item as maps. */
function gradeOf(item: Record<string, unknown>): Grade {
  return typeof item.body === 'string' ? (JSON.parse(item.body) as Grade) : fromItem<Grade>(item);
}

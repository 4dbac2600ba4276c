import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { InvalidInput } from '../../shared/errors';
import { throttledCancellation } from './errors';
import type { AuditEntry } from '../../shared/audit/audit';
import type { Page } from '../../shared/page';
import type { DocClient } from './client';
import type { CursorCodec, CursorKey } from './cursor';
import { keys } from './keys';
import type { IndexName } from './table-definition';

type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;
export type TransactItem = TransactItems[number];
type Item = Record<string, unknown>;
/** Reads of at most this many keys join the reads asked for in the same turn (`readSoon`). */
const SOON_KEYS = 10;

/** Why each item of a cancelled transaction failed (null = did not fail). */
export class TransactionCancelled extends Error {
  constructor(readonly reasons: (string | null)[], readonly items: (Item | undefined)[]) {
    super(`transaction cancelled: ${reasons.join(',')}`);
  }
  failedAt(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

export interface PageRequest {
  index?: IndexName;
  partition: { name: string; value: string };
  sortPrefix?: { name: string; value: string };
  /** Sort key in [from, to) (lexicographic). */
  sortRange?: { name: string; from: string; to: string };
  filter?: { expression: string; names: Record<string, string>; values: Record<string, unknown> };
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
  /** Only these attributes are read (keys are always added, so the cursor still works). */
  projection?: readonly string[];
}

export type Filter = PageRequest['filter'];

/**
 * A FilterExpression from conditions whose value is present: `=` for equality,
 * `contains` for a list member or a substring; undefined values are left out.
 */
export function filterOf(conditions: { attribute: string; op?: '=' | 'contains'; value: unknown }[]): Filter {
  const parts: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  conditions.forEach(({ attribute, op = '=', value }, i) => {
    if (value === undefined) return;
    names[`#f${i}`] = attribute;
    values[`:f${i}`] = value;
    parts.push(op === '=' ? `#f${i} = :f${i}` : `contains(#f${i}, :f${i})`);
  });
  return parts.length ? { expression: parts.join(' AND '), names, values } : undefined;
}

export type { Page };

/** Thin wrapper over the document client that repositories share. */
export class Table {
  constructor(
    readonly doc: DocClient,
    readonly name: string,
    /** Seals and opens list cursors (functions/store/cursor.ts). */
    private readonly cursors: CursorCodec,
  ) {}

  async get(key: { pk: string; sk: string }, consistent = true): Promise<Item | undefined> {
    if (!consistent) return this.getOne(key, false);
    const [item] = await this.readSoon([key]);
    return item;
  }

  private async getOne(key: { pk: string; sk: string }, consistent: boolean): Promise<Item | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.name, Key: key, ConsistentRead: consistent }));
    return out.Item;
  }

  /**
   * Consistent reads of a few items asked for in the same turn of the event loop go out as one
   * BatchGetItem (a registration's department, unit roster and profile chain are one round trip
   * instead of three requests in flight at once). Resolves in the keys' order, undefined for a
   * missing item. A batch that fails on a client error is read again key by key, so one caller's
   * bad key never fails another's read.
   */
  private readSoon(keyList: readonly { pk: string; sk: string }[]): Promise<(Item | undefined)[]> {
    return new Promise((resolve, reject) => {
      this.soon.push({ keys: keyList, resolve, reject });
      if (this.soon.length === 1) setImmediate(() => void this.flushSoon());
    });
  }

  private soon: { keys: readonly { pk: string; sk: string }[]; resolve: (items: (Item | undefined)[]) => void; reject: (err: unknown) => void }[] = [];

  private async flushSoon(): Promise<void> {
    const waiting = this.soon;
    this.soon = [];
    const id = (k: { pk: unknown; sk: unknown }) => `${String(k.pk)}\u0000${String(k.sk)}`;
    const only = waiting.length === 1 && waiting[0]!.keys.length === 1 ? waiting[0] : undefined;
    if (only) {
      this.getOne(only.keys[0]!, true).then((item) => only.resolve([item]), only.reject);
      return;
    }
    const unique = new Map(waiting.flatMap((w) => w.keys.map((k) => [id(k), { pk: k.pk, sk: k.sk }] as const)));
    try {
      const found = new Map((await this.batchGet([...unique.values()])).map((item) => [id(item as { pk: unknown; sk: unknown }), item]));
      for (const w of waiting) w.resolve(w.keys.map((k) => found.get(id(k))));
    } catch (err) {
      if ((err as { $fault?: string }).$fault !== 'client') {
        for (const w of waiting) w.reject(err);
        return;
      }
      for (const w of waiting) Promise.all(w.keys.map((k) => this.getOne(k, true))).then(w.resolve, w.reject);
    }
  }

  /** Writes the item unless one with its key exists; false when it already did (nothing changed). */
  async putIfAbsent(item: Item): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.name, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /**
   * Many items by key, consistently, in batches of 100 (`concurrency` batches in flight) with
   * unprocessed keys retried; missing keys are left out. `projection` names the attributes read.
   */
  async getMany(keyList: readonly { pk: string; sk: string }[], options: { concurrency?: number; projection?: readonly string[] } = {}): Promise<Item[]> {
    if (!options.projection?.length && keyList.length > 0 && keyList.length <= SOON_KEYS) {
      return (await this.readSoon(keyList)).filter((i): i is Item => i !== undefined);
    }
    return this.batchGet(keyList, options);
  }

  private async batchGet(keyList: readonly { pk: string; sk: string }[], options: { concurrency?: number; projection?: readonly string[] } = {}): Promise<Item[]> {
    const out: Item[] = [];
    const batches: { pk: string; sk: string }[][] = [];
    for (let i = 0; i < keyList.length; i += 100) batches.push(keyList.slice(i, i + 100).map((k) => ({ pk: k.pk, sk: k.sk })));
    const projection = options.projection?.length
      ? { ProjectionExpression: options.projection.map((_, i) => `#g${i}`).join(', '), ExpressionAttributeNames: Object.fromEntries(options.projection.map((a, i) => [`#g${i}`, a])) }
      : {};
    let next = 0;
    const worker = async () => {
      while (next < batches.length) {
        let request: Record<string, { Keys: Record<string, unknown>[]; ConsistentRead: boolean }> | undefined = {
          [this.name]: { Keys: batches[next++]!, ConsistentRead: true, ...projection },
        };
        for (let attempt = 0; request && Object.keys(request).length; attempt++) {
          if (attempt > 8) throw new Error('batch get: unprocessed keys after retries');
          if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.min(1000, 25 * 2 ** attempt)));
          const res = await this.doc.send(new BatchGetCommand({ RequestItems: request }));
          out.push(...((res.Responses?.[this.name] ?? []) as Item[]));
          request = res.UnprocessedKeys as typeof request;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 1, batches.length) }, worker));
    return out;
  }

  /** Deletes the item if `condition` holds; false when it did not (nothing changed). */
  async deleteIf(key: { pk: string; sk: string }, condition: string, names?: Record<string, string>, values?: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.name, Key: key, ConditionExpression: condition, ExpressionAttributeNames: names, ExpressionAttributeValues: values }));
      return true;
    } catch (err) {
      if ((err as { name?: string }).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /** One segment of a parallel Scan of an index (the sweep's way through a sparse index), a page at a time. */
  async *scanSegment(index: IndexName, segment: number, totalSegments: number, pageSize = 200): AsyncGenerator<Item[]> {
    let startKey: Item | undefined;
    do {
      const out = await this.doc.send(new ScanCommand({ TableName: this.name, IndexName: index, Segment: segment, TotalSegments: totalSegments, ExclusiveStartKey: startKey, Limit: pageSize }));
      yield (out.Items ?? []) as Item[];
      startKey = out.LastEvaluatedKey;
    } while (startKey);
  }

  /**
   * Unconditional puts with BatchWriteItem, 25 a request, `concurrency` requests in flight;
   * unprocessed items are sent again with backoff (at most 8 retries, then an error). No
   * condition is possible here: callers write only items they know are new (see
   * ActivityRepository.insertNew for how posts stay idempotent).
   */
  async batchPut(items: readonly Item[], concurrency = 4): Promise<void> {
    const requests: Item[][] = [];
    for (let i = 0; i < items.length; i += 25) requests.push(items.slice(i, i + 25) as Item[]);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        let pending: { PutRequest: { Item: Item } }[] = requests[next++]!.map((Item) => ({ PutRequest: { Item } }));
        for (let attempt = 0; pending.length; attempt++) {
          if (attempt > 8) throw new Error('batch write: unprocessed items after retries');
          if (attempt > 0) await new Promise((ok) => setTimeout(ok, Math.min(1000, 25 * 2 ** attempt)));
          const out = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.name]: pending } }));
          pending = (out.UnprocessedItems?.[this.name] ?? []) as typeof pending;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, requests.length) }, worker));
  }

  /** One cheap read (a key that is never written), given up when `signal` aborts: does the table answer? */
  async probe(signal: AbortSignal): Promise<void> {
    await this.doc.send(new GetCommand({ TableName: this.name, Key: keys.healthProbe(), ConsistentRead: false }), { abortSignal: signal });
  }

  async update(
    key: { pk: string; sk: string },
    expression: string,
    names: Record<string, string>,
    values: Record<string, unknown>,
    condition?: string,
  ): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.name,
        Key: key,
        UpdateExpression: expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ConditionExpression: condition,
      }),
    );
  }

  async transact(items: TransactItem[], clientRequestToken?: string): Promise<void> {
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: clientRequestToken }));
    } catch (err) {
      if (err instanceof TransactionCanceledException) {
        const reasons = (err.CancellationReasons ?? []).map((r) => (r.Code && r.Code !== 'None' ? r.Code : null));
        const outage = throttledCancellation(reasons, err);
        if (outage) throw outage;
        throw new TransactionCancelled(reasons, (err.CancellationReasons ?? []).map((r) => r.Item as Item | undefined));
      }
      throw err;
    }
  }

  /**
   * A transaction that may meet other writers of one of its items (a unit's roster): cancelled by
   * their conflict alone, nothing of it was applied, so it is sent again after a short random wait.
   */
  async transactRetryingConflicts(items: TransactItem[], attempts = 8): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transact(items);
      } catch (err) {
        const conflictOnly = err instanceof TransactionCancelled && err.reasons.includes('TransactionConflict') && !err.reasons.includes('ConditionalCheckFailed');
        if (!conflictOnly || attempt >= attempts) throw err;
        await new Promise((ok) => setTimeout(ok, Math.random() * 10 * 2 ** attempt));
      }
    }
  }

  put(item: Item, condition?: string, names?: Record<string, string>, values?: Record<string, unknown>): TransactItem {
    return {
      Put: {
        TableName: this.name,
        Item: item,
        ...(condition ? { ConditionExpression: condition } : {}),
        ...(names ? { ExpressionAttributeNames: names } : {}),
        ...(values ? { ExpressionAttributeValues: values } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  /** A Put of a versioned record: new (must not exist yet) or replacing exactly the version it was read at. */
  versionedPut(item: Item, previousVersion: number | null): TransactItem {
    return previousVersion === null
      ? this.put(item, 'attribute_not_exists(pk)')
      : this.put(item, 'attribute_exists(pk) AND #v = :v', { '#v': 'version' }, { ':v': previousVersion });
  }

  /** The audit entry that travels in the same transaction as the change it records. */
  auditPut(entry: AuditEntry): TransactItem {
    return this.put(
      {
        ...keys.audit(entry.entity.type, entry.entity.id, entry.at, entry.id),
        ...keys.auditRegionIndex(entry.regionCode, entry.at, entry.id),
        ...entry,
      },
      'attribute_not_exists(pk)',
    );
  }

  /** A query page with cursor pagination; filters are applied until `limit` items are collected. */
  async page(req: PageRequest): Promise<Page<Item>> {
    const list = listIdentity(req);
    let startKey: Item | undefined = req.cursor ? this.openCursor(req.cursor, list, req) : undefined;
    const items: Item[] = [];
    const names: Record<string, string> = { '#p': req.partition.name, ...(req.filter?.names ?? {}) };
    const values: Record<string, unknown> = { ':p': req.partition.value, ...(req.filter?.values ?? {}) };
    let keyCondition = '#p = :p';
    if (req.sortPrefix) {
      names['#s'] = req.sortPrefix.name;
      values[':s'] = req.sortPrefix.value;
      keyCondition += ' AND begins_with(#s, :s)';
    } else if (req.sortRange) {
      names['#s'] = req.sortRange.name;
      values[':from'] = req.sortRange.from;
      values[':to'] = req.sortRange.to;
      // BETWEEN is inclusive; `to` is made exclusive by stopping just below it.
      keyCondition += ' AND #s BETWEEN :from AND :to';
    }
    let projection: string | undefined;
    if (req.projection?.length) {
      const attributes = [...new Set([...req.projection, ...keyAttributes(req)])];
      attributes.forEach((a, i) => (names[`#j${i}`] = a));
      projection = attributes.map((_, i) => `#j${i}`).join(', ');
    }
    let exhausted = false;
    while (items.length < req.limit) {
      const input: QueryCommandInput = {
        TableName: this.name,
        IndexName: req.index,
        KeyConditionExpression: keyCondition,
        FilterExpression: req.filter?.expression,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ExclusiveStartKey: startKey,
        ScanIndexForward: !req.newestFirst,
        ProjectionExpression: projection,
        Limit: req.filter ? Math.max(100, req.limit * 2) : req.limit - items.length,
      };
      const out = await this.doc.send(new QueryCommand(input));
      items.push(...((out.Items ?? []) as Item[]));
      startKey = out.LastEvaluatedKey;
      if (!startKey) {
        exhausted = true;
        break;
      }
    }
    const kept = items.slice(0, req.limit);
    const more = items.length > req.limit || !exhausted;
    const last = kept.at(-1);
    let cursor: string | null = null;
    if (more && last) {
      const lastKey: Item = { pk: last.pk, sk: last.sk };
      if (req.index) {
        lastKey[`${req.index}pk`] = last[`${req.index}pk`];
        lastKey[`${req.index}sk`] = last[`${req.index}sk`];
      }
      cursor = this.cursors.seal(lastKey as CursorKey, list);
    }
    return { items: kept, cursor };
  }

  /**
   * A position in a list that is not a query's start key (a grade inside an item that holds
   * many), sealed as list cursors are; `openPosition` answers it only for the same `list`.
   */
  sealPosition(position: CursorKey, list: string): string {
    return this.cursors.seal(position, `position\n${list}`);
  }

  /** The position sealed in `cursor` for `list`, or undefined for anything else (forged, changed, another list's, a plain list cursor). */
  openPosition(cursor: string, list: string): CursorKey | undefined {
    return this.cursors.open(cursor, `position\n${list}`);
  }

  /** The start key sealed in `cursor` for this list; 400 (issue at `cursor`) for anything else. */
  private openCursor(cursor: string, list: string, req: PageRequest): Item {
    const key = this.cursors.open(cursor, list);
    // Sealed by us, so its shape is ours; checked anyway so that no start key DynamoDB would refuse is ever sent.
    const expected = keyAttributes(req);
    if (!key || Object.keys(key).length !== expected.length || expected.some((a) => typeof key[a] !== 'string')) throw badCursor();
    if (key[req.partition.name] !== req.partition.value) throw badCursor();
    return key;
  }

  /** Every item of a partition (internal use: bounded collections such as one account's posts). */
  async all(req: Omit<PageRequest, 'limit' | 'cursor'>): Promise<Item[]> {
    const out: Item[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page({ ...req, limit: 1000, cursor });
      out.push(...page.items);
      cursor = page.cursor ?? undefined;
    } while (cursor);
    return out;
  }
}

/**
 * Which list a cursor belongs to: the index, the partition, the sort condition, the filter and
 * the direction. Sealed into the cursor as authenticated data, so a cursor of one list (or of the
 * same list with other filters) is refused on another.
 */
function listIdentity(req: PageRequest): string {
  return JSON.stringify([
    req.index ?? 'table',
    req.partition.name,
    req.partition.value,
    req.sortPrefix ?? null,
    req.sortRange ?? null,
    req.filter ?? null,
    req.newestFirst === true,
  ]);
}

const badCursor = () => new InvalidInput([{ path: 'cursor', message: '分页游标无效或与查询条件不匹配 (invalid cursor)' }]);

/** The attributes of a start key: the table's key, plus the index's when the query reads an index. */
const keyAttributes = (req: PageRequest) => (req.index ? ['pk', 'sk', `${req.index}pk`, `${req.index}sk`] : ['pk', 'sk']);

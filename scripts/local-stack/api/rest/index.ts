// /rest/v1: the subset of PostgREST that supabase-js and @supabase/ssr use, on the exposed schema.
//
// Supported: GET/HEAD/POST/PATCH/DELETE on tables and views; select with aliases, casts from a
// fixed list, computed fields, the `rel(count)` shorthand and embedded resources over foreign
// keys (many-to-one, one-to-many, one-to-one, self-referencing, nested, `!inner`, `!<fk name or
// column>` hints, filters/order/limit/offset inside embeds, `embed=is.null`) and computed
// relationships; filters eq neq gt gte lt lte like ilike match imatch is isdistinct in cs cd ov
// sl sr nxr nxl adj fts plfts phfts wfts, `(any)`/`(all)`, `not.`, or/and trees; order, limit,
// offset, Range; Prefer return, count, resolution, missing=default, tx; single-object Accept;
// POST/GET /rpc/<fn> with PostgREST's overload resolution, json/text/xml/bytea bodies for one
// parameter. Refused with a named error (501 LOCAL501 unless PostgREST has a code): many-to-many
// and view embeds, spreads, other aggregates, JSON paths, ordering by related columns,
// PUT, limited PATCH/DELETE, CSV and other media types, Prefer max-affected /
// params=single-object / return=headers-only, nulls=stripped.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type pg from 'pg';
import type { ApiContext } from '../context.ts';
import { BodyTooLargeError, readBodyBytes } from '../http.ts';
import { maxJsonDepth, nestsDeeperThan } from '../json-depth.ts';
import { decodePathSegment } from '../url.ts';
import { restError, RestError, schemaMiss, unsupported } from './errors.ts';
import { FuzzySet } from './fuzzy-set.ts';
import { parseCondition, parseReadParams, reservedKeys, type ReadParams } from './query-params.ts';
import { ReadBuilder, type ReadSource } from './read-query.ts';
import { buildRoutineCall, resolveRoutine, type BodyMedia } from './rpc.ts';
import type { SchemaCache } from './schema-cache.ts';
import { qualified, SqlParams } from './sql.ts';
import { authenticate, runTransaction, type ResponseGucs } from './transaction.ts';
import { buildDelete, buildInserts, buildUpdate, insertedCountSql, parseColumnsParam, type JsonObject } from './write-query.ts';

const singleObjectType = 'application/vnd.pgrst.object+json';
// PostgREST sets no limit of its own (Wai's strictRequestBody); the stand-in keeps one so a
// runaway client cannot exhaust its memory. The app's largest bodies are a few kilobytes.
const bodyLimitBytes = 10 * 1024 * 1024;

interface Preferences {
  returnRepresentation: boolean;
  /** PostgREST's shouldCount: `count=exact`, or `count=estimated`, which counts exactly up to max-rows. */
  countExact: boolean;
  count: 'exact' | 'planned' | 'estimated' | null;
  resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
  missingDefault: boolean;
  rollback: boolean;
}

interface Outcome {
  status: number;
  /** JSON text, or null for an empty body. */
  body: string | null;
  headers: Record<string, string>;
  /** The response GUCs when the work's own statement already read them (reads). */
  responseGucs?: ResponseGucs;
}

interface RequestShape {
  method: string;
  url: URL;
  prefer: Preferences;
  singleObject: boolean;
  body: unknown;
  rawBody: string | Buffer | null;
  media: BodyMedia;
  maxRows: number;
}

function parsePrefer(header: string | string[] | undefined): Preferences {
  const values = new Map<string, string>();
  for (const item of [header ?? ''].flat().join(',').split(',')) {
    const [key, value = ''] = item.trim().split('=').map((part) => part.trim());
    if (key) values.set(key, value);
  }
  if (values.has('max-affected')) throw unsupported('Prefer: max-affected');
  if (values.get('params') === 'single-object') throw unsupported('Prefer: params=single-object');
  if (values.get('return') === 'headers-only') throw unsupported('Prefer: return=headers-only');
  const resolution = values.get('resolution');
  const countValue = values.get('count');
  // As PostgREST: planned counts only table reads (from EXPLAIN) and is no count elsewhere;
  // estimated counts exactly, and on table reads past max-rows takes the planner's estimate.
  const count = countValue === 'exact' || countValue === 'planned' || countValue === 'estimated' ? countValue : null;
  return {
    returnRepresentation: values.get('return') === 'representation',
    countExact: count === 'exact' || count === 'estimated',
    count,
    resolution: resolution === 'merge-duplicates' || resolution === 'ignore-duplicates' ? resolution : null,
    missingDefault: values.get('missing') === 'default',
    rollback: values.get('tx') === 'rollback',
  };
}

/** true for the single-object media type, false for JSON arrays; anything else is a 406. */
function wantsSingleObject(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const range of accept.split(',')) {
    const [type, ...parameters] = range.split(';').map((part) => part.trim().toLowerCase());
    if (type === singleObjectType || type === 'application/vnd.pgrst.object') {
      if (parameters.some((parameter) => parameter.startsWith('nulls='))) throw unsupported('Accept parameter nulls=stripped');
      return true;
    }
    if (['application/json', '*/*', 'application/*', 'application/vnd.pgrst.array+json'].includes(type)) {
      if (parameters.some((parameter) => parameter.startsWith('nulls='))) throw unsupported('Accept parameter nulls=stripped');
      return false;
    }
  }
  throw restError(406, 'PGRST107', `None of these media types are available: ${accept}`);
}

function checkProfile(req: IncomingMessage, schemas: string[]): string {
  const reads = req.method === 'GET' || req.method === 'HEAD';
  const requested = req.headers[reads ? 'accept-profile' : 'content-profile'];
  const schema = typeof requested === 'string' && requested !== '' ? requested : schemas[0];
  if (!schemas.includes(schema)) {
    throw restError(406, 'PGRST106', `Invalid schema: ${schema}`, null, `Only the following schemas are exposed: ${schemas.join(', ')}`);
  }
  return schema;
}

/** PostgREST passes these bodies whole to a function with one parameter of the matching type. */
const singleParameterMedia: Record<string, BodyMedia> = { 'text/plain': 'text', 'text/xml': 'xml', 'application/octet-stream': 'bytea' };

interface RequestBody {
  media: BodyMedia;
  body: unknown;
  /** JSON or text as sent; bytes for bytea. */
  rawBody: string | Buffer | null;
}

async function readRequestBody(req: IncomingMessage, isRpc: boolean): Promise<RequestBody> {
  const contentType = (req.headers['content-type'] ?? 'application/json').split(';')[0].trim().toLowerCase();
  const media = contentType === 'application/json' ? 'json' : isRpc ? singleParameterMedia[contentType] : undefined;
  if (media === undefined) {
    throw restError(415, 'PGRST107', `None of these media types are available: ${contentType}`, null, 'The local API stand-in accepts only JSON bodies, and text, xml or binary ones for functions.');
  }
  const bytes = await readBodyBytes(req, bodyLimitBytes).catch((error: unknown) => {
    if (!(error instanceof BodyTooLargeError)) throw error;
    throw new RestError(
      413,
      {
        code: 'LOCAL413',
        message: error.message,
        details: null,
        hint: 'PostgREST itself reads bodies of any size; the local stand-in stops at 10 MiB. Send fewer rows per request.',
      },
      error.closeConnection ? { Connection: 'close' } : {},
    );
  });
  if (media === 'bytea') return { media, body: undefined, rawBody: bytes };
  const rawBody = bytes.toString('utf8');
  if (media !== 'json') return { media, body: undefined, rawBody };
  if (rawBody.trim() === '') return { media, body: undefined, rawBody: null };
  if (nestsDeeperThan(rawBody)) {
    throw restError(400, 'PGRST102', 'Empty or invalid json', `The body nests arrays or objects more than ${maxJsonDepth} levels deep (the local stand-in's limit)`);
  }
  try {
    return { media, body: JSON.parse(rawBody), rawBody };
  } catch {
    throw restError(400, 'PGRST102', 'Empty or invalid json');
  }
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Range: 0-9` (items) as PostgREST reads it, folded into the top-level limit and offset. */
function applyRangeHeader(req: IncomingMessage, params: ReadParams): void {
  const match = /^(?:items=)?(\d+)-(\d*)$/.exec(req.headers.range ?? '');
  if (!match) return;
  const root = params.nodes.get('')!;
  const first = Number(match[1]);
  root.offset = root.offset ?? first;
  if (match[2]) root.limit = Math.min(root.limit ?? Infinity, Number(match[2]) - first + 1);
}

interface PageRow {
  body: string;
  page_count: string;
  total_count: string | null;
  response_headers?: string | null;
  response_status?: string | null;
}

/** Content-Range, 206 for a partial page and 416 past the end, as PostgREST answers reads. */
function readResponse(shape: RequestShape, params: ReadParams, row: PageRow, isRead: boolean): Outcome {
  const pageCount = Number(row.page_count);
  const total = row.total_count === null ? null : Number(row.total_count);
  const offset = isRead ? params.nodes.get('')?.offset ?? 0 : 0;
  const range = pageCount > 0 ? `${offset}-${offset + pageCount - 1}` : '*';
  const headers = { 'Content-Range': `${range}/${total ?? '*'}` };
  if (shape.singleObject && pageCount !== 1) {
    throw restError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${pageCount} rows`);
  }
  let status = 200;
  if (isRead && total !== null) {
    if (offset > total) {
      throw restError(416, 'PGRST103', 'Requested range not satisfiable', `An offset of ${offset} was requested, but there are only ${total} rows.`);
    }
    if (pageCount < total) status = 206;
  }
  return { status, body: row.body, headers };
}

async function handleRelation(client: pg.PoolClient, cache: SchemaCache, name: string, shape: RequestShape, req: IncomingMessage): Promise<Outcome> {
  const relation = cache.relations.get(name);
  if (!relation) {
    // Error.hs tableNotFoundHint: the closest table or view of the schema, by PostgREST's fuzzy match.
    const closest = new FuzzySet(cache.relations.keys()).getOne(name);
    throw schemaMiss(404, 'PGRST205', `Could not find the table '${cache.schema}.${name}' in the schema cache`, null,
      closest === null ? null : `Perhaps you meant the table '${cache.schema}.${closest}'`);
  }
  const params = parseReadParams(shape.url.searchParams);
  const reader = new ReadBuilder(cache, new SqlParams(), params.nodes);
  const source: ReadSource = { label: relation.name, relation: relation.name, columns: relation.columns };
  const { method, prefer } = shape;
  const query = (sql: string) => client.query<PageRow>(sql, reader.params.values);

  if (method === 'GET' || method === 'HEAD') {
    applyRangeHeader(req, params);
    const from = `${qualified(cache.schema, relation.name)} as t0`;
    const sql = reader.build(source, params, {
      from, ctes: [], maxRows: shape.maxRows, countExact: prefer.countExact, singleObject: shape.singleObject, responseGucs: true,
      ...(prefer.count === 'estimated' ? { countLimit: shape.maxRows + 1 } : {}),
    });
    const row = (await query(sql)).rows[0];
    if (prefer.count === 'planned' || (prefer.count === 'estimated' && Number(row.total_count) > shape.maxRows)) {
      // MainTx.hs: the planner's "Plan Rows" for the count query, the larger one for estimated.
      // The count query binds the filters' parameters, which come first; paging's come after.
      const countSql = reader.countQuery!;
      const used = Math.max(0, ...[...countSql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
      const explained = await client.query<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(
        `explain (format json) ${countSql}`, reader.params.values.slice(0, used),
      );
      const planRows = Math.round(explained.rows[0]['QUERY PLAN'][0].Plan['Plan Rows']);
      row.total_count = String(prefer.count === 'planned' ? planRows : Math.max(planRows, Number(row.total_count)));
    }
    const responseGucs = { headers: row.response_headers ?? null, status: row.response_status ?? null };
    return { ...readResponse(shape, params, row, true), responseGucs };
  }

  const root = params.nodes.get('')!;
  if (method !== 'POST' && (root.limit !== null || root.offset !== null)) {
    throw unsupported(`limit or offset on ${method} (limited updates and deletes)`);
  }
  let statements: string[];
  // Bound values per statement when they differ from the reader's (inserts sent one by one).
  let statementValues: unknown[][] | null = null;
  if (method === 'POST') {
    const rows = Array.isArray(shape.body) ? shape.body : [shape.body];
    if (!rows.every(isJsonObject)) throw restError(400, 'PGRST102', 'The body must be a JSON object or an array of objects');
    // Without a representation each statement is sent on its own, with its own parameters.
    const paramsFor = prefer.returnRepresentation ? () => reader.params : () => new SqlParams();
    const inserts = buildInserts(cache.schema, relation, rows, {
      columns: parseColumnsParam(shape.url.searchParams.get('columns')),
      onConflict: parseColumnsParam(shape.url.searchParams.get('on_conflict')),
      resolution: prefer.resolution,
      missingDefault: prefer.missingDefault,
    }, paramsFor, prefer.returnRepresentation);
    statements = inserts.map((insert) => insert.sql);
    if (!prefer.returnRepresentation) statementValues = inserts.map((insert) => insert.params.values);
  } else if (method === 'PATCH') {
    if (!isJsonObject(shape.body)) throw restError(400, 'PGRST102', 'Empty or invalid json');
    const update = buildUpdate(cache.schema, relation, shape.body, root.filters, reader, prefer.returnRepresentation);
    statements = update ? [update] : [];
  } else if (method === 'DELETE') {
    statements = [buildDelete(cache.schema, relation, root.filters, reader, prefer.returnRepresentation)];
  } else {
    throw unsupported(`The ${method} method on tables`);
  }
  let successStatus = method === 'POST' ? 201 : prefer.returnRepresentation ? 200 : 204;
  // An upsert with merge-duplicates that inserted no row answers 200, as PostgREST (Response.hs).
  const upsertStatus = async () => {
    if (method !== 'POST' || prefer.resolution !== 'merge-duplicates') return;
    const inserted = (await client.query<{ inserted: number | null }>(insertedCountSql)).rows[0].inserted;
    // null: only a row of defaults was proposed (`default values`, counted as inserted by PostgREST).
    if (inserted !== null && inserted <= 0) successStatus = 200;
  };

  if (!prefer.returnRepresentation) {
    // No RETURNING: like PostgREST's return=minimal, a write needs no SELECT policy on its rows.
    let affected = 0;
    for (const [index, statement] of statements.entries()) {
      affected += (await client.query(statement, statementValues?.[index] ?? reader.params.values)).rowCount ?? 0;
    }
    if (shape.singleObject && affected !== 1) {
      throw restError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${affected} rows`);
    }
    await upsertStatus();
    return { status: successStatus, body: null, headers: { 'Content-Range': `*/${prefer.countExact ? affected : '*'}` } };
  }
  // The filters chose the rows to change; the representation shows all of them as they are now.
  root.filters = [];
  const mutationCtes = statements.map((statement, index) => `pgrst_mutation_${index} as (${statement})`);
  const union = statements.length
    ? statements.map((_, index) => `select * from pgrst_mutation_${index}`).join(' union all ')
    : `select * from ${qualified(cache.schema, relation.name)} where false`;
  const sql = reader.build(source, params, {
    from: 'pgrst_mutation as t0',
    ctes: [...mutationCtes, `pgrst_mutation as (${union})`],
    maxRows: null,
    countExact: prefer.countExact,
    singleObject: shape.singleObject,
  });
  const outcome = readResponse(shape, params, (await query(sql)).rows[0], false);
  await upsertStatus();
  return { ...outcome, status: successStatus };
}

async function handleRpc(client: pg.PoolClient, cache: SchemaCache, name: string, shape: RequestShape): Promise<Outcome> {
  const { method, url, prefer } = shape;
  const reads = method === 'GET' || method === 'HEAD';
  // On GET, PostgREST takes a query key as an argument when its value is no filter (`a=1`, not `a=eq.1`).
  const queryKeys = [...new Set([...url.searchParams.entries()]
    .filter(([key, value]) => !reservedKeys.has(key) && !/^(order|limit|offset|or|and)$|\./.test(key) && !isFilterValue(key, value))
    .map(([key]) => key))];
  const args: Record<string, unknown> = reads
    ? Object.fromEntries(queryKeys.map((key) => [key, url.searchParams.get(key)]))
    : isJsonObject(shape.body) ? shape.body : {};
  const { routine, wholeBody } = resolveRoutine(cache, name, method, Object.keys(args), reads || isJsonObject(shape.body ?? {}), shape.media);
  // Stable and immutable functions run read-only even when POSTed, as in PostgREST.
  if (routine.readOnly && !reads) await client.query('set transaction read only');
  const sqlParams = new SqlParams();
  const call = buildRoutineCall(cache, routine, wholeBody, reads ? filterArguments(args, routine.parameters.map((p) => p.name)) : args, shape.rawBody, sqlParams);
  const params = parseReadParams(url.searchParams, call.argumentNames);
  const reader = new ReadBuilder(cache, sqlParams, params.nodes);
  const run = async (sql: string) => (await client.query<PageRow>(sql, sqlParams.values)).rows[0];
  const { returns } = routine;
  const onlyDefaults = params.select.length === 1 && params.select[0].kind === 'star' && [...params.nodes.values()].every(
    (node) => !node.filters.length && !node.order.length && node.limit === null && node.offset === null,
  );

  if (returns.kind === 'composite') {
    const source: ReadSource = { label: routine.name, relation: returns.relation, columns: returns.columns };
    // A CTE runs the function once even when the exact count reads its rows a second time.
    const sql = reader.build(source, params, {
      from: 'pgrst_call as t0',
      ctes: [`pgrst_call as (select t0.* from ${call.from})`],
      maxRows: routine.returnsSet ? shape.maxRows : null,
      countExact: prefer.countExact,
      singleObject: shape.singleObject || !routine.returnsSet,
    });
    if (routine.returnsSet) return readResponse(shape, params, await run(sql), true);
    // A function returning one row answers with that object, like PostgREST, counted as one row.
    return { status: 200, body: (await run(sql)).body, headers: oneRowRange(prefer) };
  }
  if (!onlyDefaults) throw unsupported(`select, filters, order or paging on ${routine.name}, whose result is not a row type`);
  if (returns.kind === 'void') {
    await client.query(`select ${call.expression}`, sqlParams.values);
    return { status: 204, body: null, headers: {} };
  }
  if (routine.returnsSet) {
    const row = await run(`select coalesce(json_agg(t0), '[]')::text as body, count(*) as page_count, ${prefer.countExact ? 'count(*)' : 'null'} as total_count from ${call.from}`);
    return readResponse(shape, params, row, true);
  }
  const row = await run(`select to_json(${call.expression})::text as body, 1 as page_count, null as total_count`);
  return { status: 200, body: row.body, headers: oneRowRange(prefer) };
}

/** Whether `key=value` reads as a filter (an operator before a dot), as PostgREST's filter parser decides. */
function isFilterValue(key: string, value: string): boolean {
  try {
    parseCondition(key, value);
    return true;
  } catch {
    return false;
  }
}

/** PostgREST's Content-Range for a call that returns one value: `0-0/1` counted, `0-0/*` not. */
function oneRowRange(prefer: Preferences): Record<string, string> {
  return { 'Content-Range': `0-0/${prefer.countExact ? 1 : '*'}` };
}

/** GET passes every non-reserved query key; only those naming a parameter are arguments. */
function filterArguments(args: Record<string, unknown>, parameterNames: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([key]) => parameterNames.includes(key)));
}

function requestHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(req.headers).map(([name, value]) => [name.toLowerCase(), [value ?? ''].flat().join(', ')]),
  );
}

function requestCookies(req: IncomingMessage): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const index = pair.indexOf('=');
    if (index > 0) cookies[pair.slice(0, index).trim()] = pair.slice(index + 1).trim();
  }
  return cookies;
}

function send(res: ServerResponse, method: string, status: number, body: string | null, headers: Record<string, string>, contentType: string): void {
  const payload = method === 'HEAD' || body === null ? '' : body;
  // PostgREST adds Retry-After to every 503 with its reconnection delay, which it never sets
  // from 0 (App.hs addRetryHint); supabase-js honours it when it retries GET and HEAD.
  const retryAfter: Record<string, string> = status === 503 ? { 'Retry-After': '0' } : {};
  res.writeHead(status, { ...(body !== null ? { 'Content-Type': `${contentType}; charset=utf-8` } : {}), ...retryAfter, ...headers });
  res.end(payload);
}

export async function handleRest(req: IncomingMessage, res: ServerResponse, url: URL, context: ApiContext): Promise<void> {
  const method = req.method ?? 'GET';
  try {
    const schema = checkProfile(req, context.config.api.schemas);
    const identity = await authenticate(req, context.tokenKeys);
    const path = url.pathname.slice('/rest/v1'.length).replace(/\/$/, '');
    const target = /^\/rpc\/([^/]+)$/.exec(path)?.[1] ?? /^\/([^/]+)$/.exec(path)?.[1];
    if (!target) throw path === '' ? unsupported('The OpenAPI description at /rest/v1/') : restError(404, 'PGRST125', `Invalid path specified in request URL: ${path}`);
    const isRpc = path.startsWith('/rpc/');
    if (isRpc && !['GET', 'HEAD', 'POST'].includes(method)) throw restError(405, 'PGRST101', `Cannot use the ${method} method on RPC`);
    if (!isRpc && method === 'PUT') throw unsupported('PUT (single-row upsert by primary key); use POST with Prefer: resolution=merge-duplicates');
    const hasBody = method === 'POST' || method === 'PATCH';
    const { body, rawBody, media } = hasBody ? await readRequestBody(req, isRpc) : { body: undefined, rawBody: null, media: 'json' as const };
    if (hasBody && !isRpc && body === undefined) throw restError(400, 'PGRST102', 'Empty or invalid json');
    const shape: RequestShape = {
      method,
      url,
      prefer: parsePrefer(req.headers.prefer),
      singleObject: wantsSingleObject(req.headers.accept),
      body,
      rawBody,
      media,
      maxRows: context.config.api.maxRows,
    };
    const name = decodePathSegment(target);
    const { outcome, overrides } = await runTransaction(
      context,
      {
        identity,
        readOnly: method === 'GET' || method === 'HEAD',
        schema,
        searchPath: [...new Set([schema, ...context.config.api.extraSearchPath])],
        method,
        path,
        headers: requestHeaders(req),
        cookies: requestCookies(req),
      },
      async (client, cache) => {
        const result = isRpc ? await handleRpc(client, cache, name, shape) : await handleRelation(client, cache, name, shape, req);
        return { outcome: result, rollback: shape.prefer.rollback, responseGucs: result.responseGucs };
      },
    );
    const contentType = shape.singleObject ? singleObjectType : 'application/json';
    send(res, method, overrides.status ?? outcome.status, outcome.body, { ...outcome.headers, ...overrides.headers }, contentType);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    const contentType = error.body.code === 'PGRST116' ? singleObjectType : 'application/json';
    send(res, method, error.status, JSON.stringify(error.body), error.headers, contentType);
  }
}

// What PostgREST calls the schema cache: relations, columns, keys, foreign keys and functions of
// the exposed schema, read from pg_catalog. Migrations and tests change the schema while the
// server runs, so the cache is checked against a catalog fingerprint (taken inside a request's
// transaction, at most every half second because it costs a few catalog scans) and reloaded when
// a request names something it does not know; it is never rebuilt while nothing changed.
import type pg from 'pg';

export interface Relation {
  name: string;
  isView: boolean;
  /** Column names in table order. */
  columns: string[];
  primaryKey: string[];
  /** Primary key and unique constraints: a foreign key on one of these makes a one-to-one. */
  uniqueKeys: string[][];
}

export interface ForeignKey {
  name: string;
  table: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
}

export interface RoutineParameter {
  /** '' for an unnamed parameter. */
  name: string;
  type: string;
  hasDefault: boolean;
  /** The exposed schema's relation whose row type this parameter takes, if any (computed fields and relationships). */
  relation: string | null;
}

export type ReturnShape =
  | { kind: 'void' }
  | { kind: 'scalar'; type: string }
  /** A row type: a public relation's (embeddable) or a composite/OUT-parameter one. */
  | { kind: 'composite'; columns: string[]; relation: string | null };

export interface Routine {
  name: string;
  parameters: RoutineParameter[];
  returnsSet: boolean;
  returns: ReturnShape;
  /** PostgREST runs stable and immutable functions in a read-only transaction. */
  readOnly: boolean;
  /** The planner's row estimate (`rows 1` makes a set-returning computed relationship to-one). */
  rows: number;
  /** The function's comment: PostgREST orders overloads by it after their parameter count. */
  description: string | null;
  /**
   * Whether /rpc can call it: PostgREST's cache keeps only functions whose parameters are all
   * named, or that have one unnamed parameter of a type a whole body fills. The others still
   * serve as computed fields and relationships (PostgreSQL and another query find those).
   */
  callable: boolean;
}

export interface SchemaCache {
  schema: string;
  fingerprint: string;
  relations: Map<string, Relation>;
  foreignKeys: ForeignKey[];
  routines: Map<string, Routine[]>;
}

/** Selected with the request's set_config call, so checking costs no extra round trip. */
export const fingerprintSql = (schemaParam: string) => `concat_ws(',',
  (select sum(xmin::text::bigint) + count(*) from pg_catalog.pg_class where relnamespace = ${schemaParam}::regnamespace),
  (select sum(a.xmin::text::bigint) + count(*) from pg_catalog.pg_attribute a
     join pg_catalog.pg_class c on c.oid = a.attrelid where c.relnamespace = ${schemaParam}::regnamespace),
  (select sum(xmin::text::bigint) + count(*) from pg_catalog.pg_constraint where connamespace = ${schemaParam}::regnamespace),
  (select sum(xmin::text::bigint) + count(*) from pg_catalog.pg_proc where pronamespace = ${schemaParam}::regnamespace))`;

const relationsSql = `
  select c.relname as name, c.relkind in ('v', 'm') as is_view,
    coalesce(array_agg(a.attname::text order by a.attnum) filter (where a.attnum > 0), '{}') as columns
  from pg_catalog.pg_class c
  left join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  where c.relnamespace = $1::regnamespace and c.relkind in ('r', 'v', 'm', 'f', 'p')
  group by c.oid`;

const constraintsSql = `
  select con.conname as name, con.contype as type, cl.relname as table_name,
    array(select a.attname::text from unnest(con.conkey) with ordinality k(num, ord)
          join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num order by k.ord) as columns,
    fcl.relname as referenced_table,
    array(select a.attname::text from unnest(con.confkey) with ordinality k(num, ord)
          join pg_catalog.pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num order by k.ord) as referenced_columns
  from pg_catalog.pg_constraint con
  join pg_catalog.pg_class cl on cl.oid = con.conrelid
  left join pg_catalog.pg_class fcl on fcl.oid = con.confrelid
  where cl.relnamespace = $1::regnamespace and con.contype in ('p', 'u', 'f')
    and (con.contype <> 'f' or fcl.relnamespace = $1::regnamespace)`;

const routinesSql = `
  select p.proname as name, p.proretset as returns_set, p.provolatile as volatility,
    p.prorettype = 'pg_catalog.void'::regtype as returns_void,
    pg_catalog.format_type(p.prorettype, null) as return_type,
    t.typtype = 'c' as returns_composite,
    case when rc.relnamespace = $1::regnamespace and rc.relkind <> 'c' then rc.relname end as return_relation,
    array(select a.attname::text from pg_catalog.pg_attribute a
          where a.attrelid = t.typrelid and a.attnum > 0 and not a.attisdropped order by a.attnum) as return_columns,
    array(select pg_catalog.format_type(u.type_oid, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[]))
          with ordinality u(type_oid, ord) order by u.ord) as argument_types,
    array(select rel.relname::text from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) with ordinality u(type_oid, ord)
          left join pg_catalog.pg_class rel on rel.reltype = u.type_oid and rel.relnamespace = $1::regnamespace
            and rel.relkind in ('r', 'v', 'm', 'f', 'p')
          order by u.ord) as argument_relations,
    coalesce(p.proargmodes::text[], '{}') as argument_modes,
    coalesce(p.proargnames, '{}') as argument_names,
    p.pronargdefaults as default_count,
    p.prorows::float8 as rows,
    d.description
  from pg_catalog.pg_proc p
  join pg_catalog.pg_type t on t.oid = p.prorettype
  left join pg_catalog.pg_class rc on rc.oid = t.typrelid
  left join pg_catalog.pg_description d on d.objoid = p.oid and d.classoid = 'pg_catalog.pg_proc'::regclass and d.objsubid = 0
  -- PostgREST leaves trigger functions out of its cache.
  where p.pronamespace = $1::regnamespace and p.prokind = 'f' and p.prorettype <> 'pg_catalog.trigger'::regtype`;

interface RelationRow { name: string; is_view: boolean; columns: string[] }
interface ConstraintRow {
  name: string;
  type: 'p' | 'u' | 'f';
  table_name: string;
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[];
}
interface RoutineRow {
  name: string;
  returns_set: boolean;
  volatility: 'i' | 's' | 'v';
  returns_void: boolean;
  return_type: string;
  returns_composite: boolean;
  return_relation: string | null;
  return_columns: string[];
  argument_types: string[];
  argument_relations: Array<string | null>;
  argument_modes: string[];
  argument_names: string[];
  default_count: number;
  rows: number;
  description: string | null;
}

function toRoutine(row: RoutineRow): Routine {
  const inputs: RoutineParameter[] = [];
  const outputs: string[] = [];
  row.argument_types.forEach((type, index) => {
    const mode = row.argument_modes[index] ?? 'i';
    const name = row.argument_names[index] ?? '';
    const relation = row.argument_relations[index] ?? null;
    if (mode === 'i' || mode === 'b' || mode === 'v') inputs.push({ name, type, hasDefault: false, relation });
    if (mode === 'o' || mode === 'b' || mode === 't') outputs.push(name);
  });
  // Defaults always belong to the last input parameters.
  inputs.slice(inputs.length - row.default_count).forEach((parameter) => (parameter.hasDefault = true));
  let returns: ReturnShape;
  if (row.returns_void) returns = { kind: 'void' };
  else if (row.returns_composite) returns = { kind: 'composite', columns: row.return_columns, relation: row.return_relation };
  else if (outputs.length > 1 || (outputs.length === 1 && row.return_type === 'record')) {
    returns = { kind: 'composite', columns: outputs, relation: null };
  } else returns = { kind: 'scalar', type: row.return_type };
  const unnamed = inputs.filter((parameter) => parameter.name === '');
  // SchemaCache.hs funcsSqlQuery, `callable`.
  const callable = unnamed.length === 0 || (unnamed.length === 1 && ['bytea', 'json', 'jsonb', 'text', 'xml'].includes(unnamed[0].type));
  return {
    name: row.name, parameters: inputs, returnsSet: row.returns_set, returns, readOnly: row.volatility !== 'v',
    rows: row.rows, description: row.description, callable,
  };
}

/** Routine's Ord instance in PostgREST: fewer parameters first, then comment, then parameters. */
function compareOverloads(a: Routine, b: Routine): number {
  if (a.parameters.length !== b.parameters.length) return a.parameters.length - b.parameters.length;
  if (a.description !== b.description) {
    if (a.description === null) return -1;
    if (b.description === null) return 1;
    return a.description < b.description ? -1 : 1;
  }
  for (let index = 0; index < a.parameters.length; index++) {
    const [left, right] = [a.parameters[index], b.parameters[index]];
    if (left.name !== right.name) return left.name < right.name ? -1 : 1;
    if (left.type !== right.type) return left.type < right.type ? -1 : 1;
  }
  return 0;
}

async function loadSchemaCache(client: pg.PoolClient, schema: string, fingerprint: string): Promise<SchemaCache> {
  // One client runs one query at a time (pg queues the rest and is deprecating that).
  const relations = await client.query<RelationRow>(relationsSql, [schema]);
  const constraints = await client.query<ConstraintRow>(constraintsSql, [schema]);
  const routines = await client.query<RoutineRow>(routinesSql, [schema]);
  const cache: SchemaCache = { schema, fingerprint, relations: new Map(), foreignKeys: [], routines: new Map() };
  for (const row of relations.rows) {
    cache.relations.set(row.name, { name: row.name, isView: row.is_view, columns: row.columns, primaryKey: [], uniqueKeys: [] });
  }
  for (const row of constraints.rows) {
    const relation = cache.relations.get(row.table_name);
    if (!relation) continue;
    if (row.type === 'p') relation.primaryKey = row.columns;
    if (row.type !== 'f') relation.uniqueKeys.push(row.columns);
    else if (row.referenced_table) {
      cache.foreignKeys.push({
        name: row.name,
        table: row.table_name,
        columns: row.columns,
        referencedTable: row.referenced_table,
        referencedColumns: row.referenced_columns,
      });
    }
  }
  for (const row of routines.rows) {
    const routine = toRoutine(row);
    const overloads = cache.routines.get(row.name) ?? [];
    overloads.push(routine);
    cache.routines.set(row.name, overloads.sort(compareOverloads));
  }
  return cache;
}

const checkIntervalMs = 500;

/** The cache of one exposed schema; concurrent requests that see the same new fingerprint share one load. */
class OneSchemaCache {
  private current: SchemaCache | null = null;
  private checkedAt = 0;
  private pending: { fingerprint: string; load: Promise<SchemaCache> } | null = null;
  /** Set after the database was away: the next check reloads even if the fingerprint matches. */
  private stale = false;

  /** Whether this request should take the fingerprint (and so may reload). */
  needsCheck(): boolean {
    return this.current === null || this.stale || Date.now() - this.checkedAt >= checkIntervalMs;
  }

  /** Whether a cache was ever loaded (PostgREST answers PGRST002 while it has none). */
  isLoaded(): boolean {
    return this.current !== null;
  }

  /** After a miss: the next request checks the fingerprint, whatever the interval. */
  invalidate(): void {
    this.checkedAt = 0;
  }

  /**
   * After the database was away, as PostgREST reloads its cache on reconnecting: the schema may
   * have changed meanwhile (a reset, a restore) in ways the fingerprint cannot be trusted to show.
   */
  reloadNext(): void {
    this.stale = true;
    this.pending = null;
    this.checkedAt = 0;
  }

  cached(): SchemaCache {
    if (!this.current) throw new Error('The schema cache is used before its first load');
    return this.current;
  }

  async refresh(client: pg.PoolClient, schema: string, fingerprint: string): Promise<SchemaCache> {
    this.checkedAt = Date.now();
    if (!this.stale && this.current?.fingerprint === fingerprint) return this.current;
    if (this.pending?.fingerprint !== fingerprint) {
      const load = loadSchemaCache(client, schema, fingerprint);
      this.pending = { fingerprint, load };
      load.then(
        (cache) => {
          this.current = cache;
          // A load started before reloadNext() does not count as the reload.
          if (this.pending?.load === load) {
            this.pending = null;
            this.stale = false;
          }
        },
        () => {
          if (this.pending?.load === load) this.pending = null;
        },
      );
    }
    return this.pending!.load;
  }
}

/**
 * One cache per exposed schema, as PostgREST's schema cache keeps every exposed schema's
 * relations apart: a request with `Accept-Profile`/`Content-Profile` is answered from its own
 * schema's cache, never from another one's that happens to be fresher.
 */
export class SchemaCacheStore {
  private readonly bySchema = new Map<string, OneSchemaCache>();

  /** Schema names come from the configured exposed schemas only (checkProfile), so few. */
  private of(schema: string): OneSchemaCache {
    let cache = this.bySchema.get(schema);
    if (!cache) {
      cache = new OneSchemaCache();
      this.bySchema.set(schema, cache);
    }
    return cache;
  }

  needsCheck(schema: string): boolean {
    return this.of(schema).needsCheck();
  }

  /** Whether any schema's cache was ever loaded (PostgREST answers PGRST002 while it has none). */
  isLoaded(): boolean {
    return [...this.bySchema.values()].some((cache) => cache.isLoaded());
  }

  invalidate(schema: string): void {
    this.of(schema).invalidate();
  }

  reloadNext(): void {
    for (const cache of this.bySchema.values()) cache.reloadNext();
  }

  cached(schema: string): SchemaCache {
    return this.of(schema).cached();
  }

  refresh(client: pg.PoolClient, schema: string, fingerprint: string): Promise<SchemaCache> {
    return this.of(schema).refresh(client, schema, fingerprint);
  }
}

// INSERT (with upsert), UPDATE and DELETE statements. The JSON body is bound once as a parameter
// and turned into rows by json_populate_record(set) over the table's own row type, as PostgREST
// does, so Postgres applies each column's type.
import { restError, schemaMiss, unsupported } from './errors.ts';
import type { ReadBuilder, ReadSource } from './read-query.ts';
import type { Filter } from './query-params.ts';
import type { Relation } from './schema-cache.ts';
import { qualified, quoteIdent, type SqlParams } from './sql.ts';

export type JsonObject = Record<string, unknown>;

export interface InsertOptions {
  /** From `columns=`; otherwise the keys found in the body. */
  columns: string[] | null;
  onConflict: string[] | null;
  resolution: 'merge-duplicates' | 'ignore-duplicates' | null;
  /** `Prefer: missing=default`: keys absent from a row take the column default instead of null. */
  missingDefault: boolean;
}

function checkColumns(relation: Relation, columns: string[]): void {
  for (const column of columns) {
    if (!relation.columns.includes(column)) {
      throw schemaMiss(400, 'PGRST204', `Could not find the '${column}' column of '${relation.name}' in the schema cache`);
    }
  }
}

export function parseColumnsParam(raw: string | null): string[] | null {
  if (raw === null) return null;
  return raw.split(',').map((column) => column.trim().replace(/^"(.*)"$/, '$1')).filter(Boolean);
}

/** Rows that share one column list become one INSERT; missing=default may need several. */
function allColumnsOf(rows: JsonObject[], options: InsertOptions): string[] {
  return options.columns ?? [...new Set(rows.flatMap((row) => Object.keys(row)))];
}

function groupRows(rows: JsonObject[], options: InsertOptions): Array<{ columns: string[]; rows: JsonObject[] }> {
  const allColumns = allColumnsOf(rows, options);
  if (!options.missingDefault) return [{ columns: allColumns, rows }];
  const groups: Array<{ columns: string[]; rows: JsonObject[] }> = [];
  for (const row of rows) {
    const columns = allColumns.filter((column) => column in row);
    const last = groups.at(-1);
    if (last && last.columns.join(',') === columns.join(',')) last.rows.push(row);
    else groups.push({ columns, rows: [row] });
  }
  return groups;
}

/** PostgREST's counter of upserted rows that were inserted, kept in a transaction-local setting. */
function countInserted(add: boolean): string {
  return `set_config('pgrst.inserted', (coalesce(nullif(current_setting('pgrst.inserted', true), '')::int, 0) ${add ? '+' : '-'} 1)::text, true) <> '${add ? '0' : '-1'}'`;
}

/** Rows inserted by the upserts of this transaction (null when no row was proposed). */
export const insertedCountSql = `select nullif(current_setting('pgrst.inserted', true), '')::int as inserted`;

export interface InsertStatement {
  sql: string;
  params: SqlParams;
}

/**
 * One statement per column group; `returning` adds RETURNING so a read can follow in a CTE.
 * `paramsFor` gives each statement the parameters it binds into: one shared list when the
 * statements run together as CTEs of one query, a list of its own when each is sent alone
 * (PostgreSQL refuses a statement sent with parameters it does not use: 08P01).
 */
export function buildInserts(
  schema: string,
  relation: Relation,
  rows: JsonObject[],
  options: InsertOptions,
  paramsFor: () => SqlParams,
  returning: boolean,
): InsertStatement[] {
  const table = qualified(schema, relation.name);
  const allColumns = allColumnsOf(rows, options);
  return groupRows(rows, options).map(({ columns, rows: groupRowsValue }) => {
    const params = paramsFor();
    checkColumns(relation, columns);
    const columnList = columns.map(quoteIdent).join(', ');
    // Bind the rows only when the statement reads them: a parameter the statement does not use
    // is a protocol error (08P01) that ends the session, e.g. for a body of `{}`.
    // With merge-duplicates, PostgREST counts each proposed row up and each updated one down in
    // `pgrst.inserted` (SqlFragment.addConfigPgrstInserted): nothing inserted answers 200.
    const merge = options.resolution === 'merge-duplicates';
    let statement = columns.length
      ? `insert into ${table} as pgrst_target (${columnList}) select ${columnList} from json_populate_recordset(null::${table}, ${params.add(JSON.stringify(groupRowsValue))}::json)`
        + (merge ? ` where ${countInserted(true)}` : '')
      : `insert into ${table} as pgrst_target default values`;
    if (!columns.length && groupRowsValue.length !== 1) throw unsupported('Inserting several rows that have no columns');
    if (options.resolution) {
      const conflictColumns = options.onConflict ?? relation.primaryKey;
      if (!conflictColumns.length) {
        throw restError(400, 'PGRST100', `Upsert on '${relation.name}' needs on_conflict: the relation has no primary key`);
      }
      checkColumns(relation, conflictColumns);
      // PostgREST inserts every column of the list, a left-out one with its default under
      // missing=default, and merges all of them: the existing row takes that default too.
      const updates = allColumns.map((column) => `${quoteIdent(column)} = ${columns.includes(column) ? `excluded.${quoteIdent(column)}` : 'default'}`);
      statement += ` on conflict (${conflictColumns.map(quoteIdent).join(', ')}) `;
      statement += merge && updates.length ? `do update set ${updates.join(', ')} where ${countInserted(false)}` : 'do nothing';
    }
    return { sql: returning ? `${statement} returning pgrst_target.*` : statement, params };
  });
}

export function buildUpdate(
  schema: string,
  relation: Relation,
  changes: JsonObject,
  filters: Filter[],
  reader: ReadBuilder,
  returning: boolean,
): string | null {
  const columns = Object.keys(changes);
  if (!columns.length) return null;
  checkColumns(relation, columns);
  const table = qualified(schema, relation.name);
  const source: ReadSource = { label: relation.name, relation: relation.name, columns: relation.columns };
  const assignments = columns.map((column) => `${quoteIdent(column)} = pgrst_body.${quoteIdent(column)}`);
  const where = filters.map((filter) => reader.filter(source, 't0', filter));
  return `update ${table} as t0 set ${assignments.join(', ')}`
    + ` from (select * from json_populate_record(null::${table}, ${reader.params.add(JSON.stringify(changes))}::json)) as pgrst_body`
    + (where.length ? ` where ${where.join(' and ')}` : '')
    + (returning ? ' returning t0.*' : '');
}

export function buildDelete(schema: string, relation: Relation, filters: Filter[], reader: ReadBuilder, returning: boolean): string {
  const source: ReadSource = { label: relation.name, relation: relation.name, columns: relation.columns };
  const where = filters.map((filter) => reader.filter(source, 't0', filter));
  return `delete from ${qualified(schema, relation.name)} as t0`
    + (where.length ? ` where ${where.join(' and ')}` : '')
    + (returning ? ' returning t0.*' : '');
}

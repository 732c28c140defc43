// Builds the SELECT behind every JSON response: the select tree with embedded resources (one
// LEFT JOIN LATERAL per embed, like PostgREST), filters, order and paging, plus the optional
// exact count. The statement returns one row: body (JSON text), page_count, total_count.
import { columnNotFound, restError, unsupported } from './errors.ts';
import type { Condition, EmbedSelect, Filter, NodeOptions, OrderTerm, ReadParams, SelectItem } from './query-params.ts';
import { isToOne, resolveRelationship } from './relationships.ts';
import type { SchemaCache } from './schema-cache.ts';
import { qualified, quoteIdent, SqlParams } from './sql.ts';

/** What a level of the select tree reads from. */
export interface ReadSource {
  /** Name used in error messages and, when it is a relation, for foreign keys. */
  label: string;
  /** The public relation whose foreign keys embeds may follow, if any. */
  relation: string | null;
  columns: string[];
}

export interface ReadOptions {
  /** FROM clause that binds the root alias "t0" (a table, a mutation CTE, a function call). */
  from: string;
  /** CTEs that must precede the read (mutations, RPC arguments). */
  ctes: string[];
  maxRows: number | null;
  countExact: boolean;
  /** Count at most this many rows (PostgREST's count=estimated stops at max-rows + 1). */
  countLimit?: number;
  singleObject: boolean;
  /**
   * Also select the response.headers / response.status GUCs after the page is built, in the same
   * statement, as PostgREST's read query does (saves the separate round trip for reading them).
   */
  responseGucs?: boolean;
}

const comparisonOperators: Record<string, string> = {
  eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'like', ilike: 'ilike', match: '~',
  imatch: '~*', cs: '@>', cd: '<@', ov: '&&', sl: '<<', sr: '>>', nxr: '&<', nxl: '&>', adj: '-|-',
  isdistinct: 'is distinct from',
};
const textSearchFunctions: Record<string, string> = {
  fts: 'to_tsquery', plfts: 'plainto_tsquery', phfts: 'phraseto_tsquery', wfts: 'websearch_to_tsquery',
};
/** Casts PostgREST users write in `select=col::type`; a fixed list keeps user text out of SQL. */
const allowedCasts: Record<string, string> = {
  text: 'text', int: 'integer', integer: 'integer', int4: 'integer', bigint: 'bigint', int8: 'bigint',
  smallint: 'smallint', numeric: 'numeric', float: 'double precision', float8: 'double precision', real: 'real',
  boolean: 'boolean', bool: 'boolean', json: 'json', jsonb: 'jsonb', date: 'date', timestamp: 'timestamp',
  timestamptz: 'timestamptz', uuid: 'uuid',
};

export class ReadBuilder {
  private aliasCount = 0;
  private readonly usedPaths = new Set<string>(['']);
  /** `select 1 from …` over the root's rows, without paging, once build() ran: for EXPLAIN. */
  countQuery: string | null = null;

  constructor(
    private readonly cache: SchemaCache,
    readonly params: SqlParams,
    private readonly nodes: Map<string, NodeOptions>,
  ) {}

  private nextAlias(prefix: string): string {
    this.aliasCount += 1;
    return `${prefix}${this.aliasCount}`;
  }

  /**
   * A column, or a name PostgreSQL reads as `name(row)` from `alias.name`, as PostgREST sends
   * every field: a computed field (a function taking the row) or `count`, the aggregate behind
   * the `orders(count)` shorthand. Anything else is PostgreSQL's 42703, named after the alias.
   */
  column(source: ReadSource, alias: string, name: string): string {
    if (!source.columns.includes(name) && name !== 'count' && !this.isComputedField(source, name)) {
      throw columnNotFound(source.label, name, source.columns);
    }
    return `${quoteIdent(alias)}.${quoteIdent(name)}`;
  }

  /** A function of the exposed schema callable with one row of the source relation (more parameters need defaults). */
  private isComputedField(source: ReadSource, name: string): boolean {
    return (this.cache.routines.get(name) ?? []).some((routine) => {
      const [first, ...rest] = routine.parameters;
      return source.relation !== null && first?.relation === source.relation && rest.every((parameter) => parameter.hasDefault);
    });
  }

  private condition(source: ReadSource, alias: string, condition: Condition, embedBodies: Map<string, EmbedBody>): string {
    const embedded = embedBodies.get(condition.column);
    const { operator, value } = condition;
    let sql: string;
    if (embedded) {
      // `embed=is.null` / `embed=not.is.null` filter parents by whether the embed found rows.
      if (operator !== 'is' || value !== 'null') {
        throw restError(400, 'PGRST120', 'Bad operator on the embedded resource', `Only is null or not is null filters are allowed on embedded resources`);
      }
      sql = embedded.toOne ? `${embedded.expression} is null` : `json_array_length(${embedded.expression}) = 0`;
    } else {
      const column = this.column(source, alias, condition.column);
      if (operator === 'is') {
        sql = `${column} is ${{ null: 'null', not_null: 'not null', true: 'true', false: 'false', unknown: 'unknown' }[(value as string).toLowerCase()]}`;
      } else if (operator === 'in') {
        sql = `${column} = any(${this.params.add(value)})`;
      } else if (operator in textSearchFunctions) {
        const config = condition.ftsConfig ? `${this.params.add(condition.ftsConfig)}::regconfig, ` : '';
        sql = `${column} @@ ${textSearchFunctions[operator]}(${config}${this.params.add(value)})`;
      } else {
        const operand = operator === 'like' || operator === 'ilike' ? (value as string).replaceAll('*', '%') : value;
        const placeholder = this.params.add(operand);
        sql = condition.quantifier
          ? `${column} ${comparisonOperators[operator]} ${condition.quantifier}(${placeholder})`
          : `${column} ${comparisonOperators[operator]} ${placeholder}`;
      }
    }
    return condition.negated ? `not (${sql})` : sql;
  }

  filter(source: ReadSource, alias: string, filter: Filter, embedBodies = new Map<string, EmbedBody>()): string {
    if (filter.kind === 'condition') return this.condition(source, alias, filter, embedBodies);
    const joined = filter.children.map((child) => this.filter(source, alias, child, embedBodies)).join(` ${filter.operator} `);
    return filter.negated ? `not (${joined})` : `(${joined})`;
  }

  private orderBy(source: ReadSource, alias: string, order: OrderTerm[]): string {
    if (!order.length) return '';
    const terms = order.map(
      (term) => `${this.column(source, alias, term.column)} ${term.descending ? 'desc' : 'asc'}${term.nulls ? ` nulls ${term.nulls}` : ''}`,
    );
    return ` order by ${terms.join(', ')}`;
  }

  private paging(limit: number | null, offset: number | null): string {
    return `${limit === null ? '' : ` limit ${this.params.add(limit)}`}${offset ? ` offset ${this.params.add(offset)}` : ''}`;
  }

  /** One level of the tree: select list, lateral joins for its embeds, and its WHERE conditions. */
  private level(source: ReadSource, alias: string, items: SelectItem[], path: string): LevelSql {
    const node = this.nodes.get(path) ?? { filters: [], order: [], limit: null, offset: null };
    const selectList: string[] = [];
    const joins: string[] = [];
    const conditions: string[] = [];
    const embedBodies = new Map<string, EmbedBody>();
    const joinAliases = new Set<string>();
    for (const item of items) {
      if (item.kind === 'star') {
        selectList.push(...source.columns.map((name) => `${quoteIdent(alias)}.${quoteIdent(name)}`));
      } else if (item.kind === 'column') {
        const column = this.column(source, alias, item.name);
        const cast = item.cast === null ? '' : allowedCasts[item.cast.toLowerCase()];
        if (cast === undefined) throw unsupported(`Casting to "${item.cast}" (allowed: ${Object.keys(allowedCasts).join(', ')})`);
        selectList.push(`${cast ? `${column}::${cast}` : column} as ${quoteIdent(item.alias ?? item.name)}`);
      } else {
        if (!source.relation) throw unsupported(`Embedding resources from ${source.label}, which is not a table or view of the schema`);
        const relationship = resolveRelationship(this.cache, source.relation, item);
        const target = this.cache.relations.get(relationship.target)!;
        const name = item.alias ?? item.target;
        const depth = path ? path.split('.').length + 1 : 1;
        // PostgREST names each embed's lateral join <table>_<alias or name>_<depth> (Plan.hs
        // addRels): two embeds under one name collide in PostgreSQL, 42712, a 400.
        const joinAlias = `${source.relation}_${name}_${depth}`;
        if (joinAliases.has(joinAlias)) throw restError(400, '42712', `table name "${joinAlias}" specified more than once`);
        joinAliases.add(joinAlias);
        const childPath = path ? `${path}.${name}` : name;
        this.usedPaths.add(childPath);
        // The embedded rows are read as <table>_<depth>, PostgREST's alias, which PostgreSQL's
        // errors about them name; the nested subquery keeps it apart from an outer one of that name.
        const childAlias = `${target.name}_${depth}`;
        const childSource: ReadSource = { label: childAlias, relation: target.name, columns: target.columns };
        const child = this.level(childSource, childAlias, item.children, childPath);
        const joinConditions = relationship.kind === 'computed' ? [] : relationship.joinColumns.map(
          ([parentColumn, targetColumn]) => `${quoteIdent(childAlias)}.${quoteIdent(targetColumn)} = ${quoteIdent(alias)}.${quoteIdent(parentColumn)}`,
        );
        // A computed relationship reads the function's rows for the parent row: fn(parent).
        const childFrom = relationship.kind === 'computed'
          ? `${qualified(this.cache.schema, relationship.function)}(${quoteIdent(alias)})`
          : qualified(this.cache.schema, target.name);
        const toOne = isToOne(relationship);
        const childNode = this.nodes.get(childPath);
        const childConditions = [...joinConditions, ...child.conditions];
        const inner = `select ${child.selectList.join(', ')} from ${childFrom} as ${quoteIdent(childAlias)}${child.joins.join('')}`
          + (childConditions.length ? ` where ${childConditions.join(' and ')}` : '')
          + (toOne ? '' : this.orderBy(childSource, childAlias, childNode?.order ?? [])
            + this.paging(childNode?.limit ?? null, childNode?.offset ?? null));
        const bodyAlias = this.nextAlias('e');
        const aggregate = toOne ? 'row_to_json(pgrst_row)' : `coalesce(json_agg(pgrst_row), '[]')`;
        joins.push(` left join lateral (select ${aggregate} as body from (${inner}) as pgrst_row) as ${quoteIdent(bodyAlias)} on true`);
        const expression = `${quoteIdent(bodyAlias)}.body`;
        embedBodies.set(name, { expression, toOne });
        // An embed that selects nothing, down to its own embeds (`users()`), only joins and
        // filters: PostgREST leaves its key out (QueryBuilder getJoinSelects, rsEmptyEmbed).
        if (!selectsNothing(item)) selectList.push(`${expression} as ${quoteIdent(name)}`);
        if (item.inner) conditions.push(toOne ? `${expression} is not null` : `json_array_length(${expression}) > 0`);
      }
    }
    conditions.push(...node.filters.map((filter) => this.filter(source, alias, filter, embedBodies)));
    return { selectList, joins, conditions };
  }

  /** The full statement for the root level; embedded filters and paging were applied inside. */
  build(source: ReadSource, params: ReadParams, options: ReadOptions): string {
    const root = this.nodes.get('') ?? { filters: [], order: [], limit: null, offset: null };
    const level = this.level(source, 't0', params.select, '');
    for (const path of this.nodes.keys()) {
      if (!this.usedPaths.has(path)) {
        throw restError(400, 'PGRST108', `'${path}' is not an embedded resource in this request`, null,
          `Verify that '${path}' is included in the 'select' query parameter.`);
      }
    }
    const fromAndWhere = `${options.from}${level.joins.join('')}${level.conditions.length ? ` where ${level.conditions.join(' and ')}` : ''}`;
    const limit = options.maxRows === null ? root.limit : Math.min(root.limit ?? options.maxRows, options.maxRows);
    const page = `select ${level.selectList.join(', ')} from ${fromAndWhere}${this.orderBy(source, 't0', root.order)}${this.paging(limit, root.offset)}`;
    const body = options.singleObject ? `coalesce((json_agg(pgrst_row) -> 0)::text, 'null')` : `coalesce(json_agg(pgrst_row), '[]')::text`;
    this.countQuery = `select 1 from ${fromAndWhere}`;
    const counted = options.countLimit === undefined ? fromAndWhere : `(${this.countQuery} limit ${options.countLimit}) as pgrst_counted`;
    const total = options.countExact ? `(select count(*) from ${counted})` : 'null::bigint';
    const ctes = [...options.ctes, `pgrst_page as (${page})`];
    const gucs = options.responseGucs
      ? `, current_setting('response.headers', true) as response_headers, current_setting('response.status', true) as response_status`
      : '';
    return `with ${ctes.join(', ')} select ${body} as body, count(*) as page_count, ${total} as total_count${gucs} from pgrst_page as pgrst_row`;
  }
}

/** An embed whose select list is empty and whose embeds all select nothing either. */
function selectsNothing(item: EmbedSelect): boolean {
  return item.children.every((child) => child.kind === 'embed' && selectsNothing(child));
}

interface EmbedBody {
  expression: string;
  toOne: boolean;
}

interface LevelSql {
  selectList: string[];
  joins: string[];
  conditions: string[];
}

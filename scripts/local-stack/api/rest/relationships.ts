// Which relationship an embedded resource follows, resolved the way PostgREST 12/13 does
// (SchemaCache.hs builds the relationships of each table, Plan.hs findRel picks among them):
// foreign keys seen from both ends (many-to-one, one-to-many, one-to-one), self-referencing
// foreign keys, and computed relationships (functions `f(table) returns [setof] other_table`).
import { restError, schemaMiss, unsupported } from './errors.ts';
import { FuzzySet } from './fuzzy-set.ts';
import type { EmbedSelect } from './query-params.ts';
import type { ForeignKey, SchemaCache } from './schema-cache.ts';

type Cardinality = 'many-to-one' | 'one-to-many' | 'one-to-one';

export interface ForeignKeyRelationship {
  kind: 'foreign-key';
  target: string;
  constraint: string;
  cardinality: Cardinality;
  /** [origin column, target column] pairs of the join. */
  joinColumns: Array<[string, string]>;
  /** A foreign key from a table to itself: PostgREST embeds it by its own conventions. */
  isSelf: boolean;
  /** For one-to-one: whether the origin is the referenced side (PostgREST's isParent). */
  originIsReferenced: boolean;
}

export interface ComputedRelationship {
  kind: 'computed';
  /** The function, called with the origin's row: `fn(origin)`. */
  function: string;
  target: string;
  toOne: boolean;
}

export type Relationship = ForeignKeyRelationship | ComputedRelationship;

export const isToOne = (relationship: Relationship) =>
  relationship.kind === 'computed' ? relationship.toOne : relationship.cardinality !== 'one-to-many';

/** PostgREST's one-to-one: the foreign key columns are exactly a primary key or unique constraint. */
function isUniqueIn(cache: SchemaCache, table: string, columns: string[]): boolean {
  return cache.relations.get(table)?.uniqueKeys.some(
    (key) => key.length === columns.length && key.every((column) => columns.includes(column)),
  ) ?? false;
}

function fromReferencing(fk: ForeignKey, cache: SchemaCache): ForeignKeyRelationship {
  return {
    kind: 'foreign-key',
    target: fk.referencedTable,
    constraint: fk.name,
    cardinality: isUniqueIn(cache, fk.table, fk.columns) ? 'one-to-one' : 'many-to-one',
    joinColumns: fk.columns.map((column, index) => [column, fk.referencedColumns[index]]),
    isSelf: fk.table === fk.referencedTable,
    originIsReferenced: false,
  };
}

function fromReferenced(fk: ForeignKey, cache: SchemaCache): ForeignKeyRelationship {
  return {
    kind: 'foreign-key',
    target: fk.table,
    constraint: fk.name,
    cardinality: isUniqueIn(cache, fk.table, fk.columns) ? 'one-to-one' : 'one-to-many',
    joinColumns: fk.referencedColumns.map((column, index) => [column, fk.columns[index]]),
    isSelf: fk.table === fk.referencedTable,
    originIsReferenced: true,
  };
}

/** Functions taking exactly one row of `origin` and returning rows of a relation of the schema. */
function computedRelationships(cache: SchemaCache, origin: string): ComputedRelationship[] {
  const found = new Map<string, ComputedRelationship>();
  for (const [name, overloads] of cache.routines) {
    for (const routine of overloads) {
      const [parameter, ...others] = routine.parameters;
      if (others.length || parameter?.relation !== origin) continue;
      if (routine.returns.kind !== 'composite' || !routine.returns.relation) continue;
      found.set(name, { kind: 'computed', function: name, target: routine.returns.relation, toOne: !routine.returnsSet || routine.rows === 1 });
    }
  }
  return [...found.values()];
}

const cardinalityOrder: Record<Cardinality, number> = { 'one-to-many': 0, 'many-to-one': 1, 'one-to-one': 2 };

/**
 * Every relationship of `origin`, in the order PostgREST's schema cache sorts them (by target,
 * then self or not, then cardinality and constraint); a computed relationship named like a
 * target table replaces the foreign key relationships to it, as PostgREST's cache does.
 */
export function relationshipsOf(cache: SchemaCache, origin: string): Relationship[] {
  const computed = computedRelationships(cache, origin);
  const overridden = new Set(computed.map((relationship) => relationship.function));
  const byForeignKey = [
    ...cache.foreignKeys.filter((fk) => fk.table === origin).map((fk) => fromReferencing(fk, cache)),
    ...cache.foreignKeys.filter((fk) => fk.referencedTable === origin).map((fk) => fromReferenced(fk, cache)),
  ].filter((relationship) => !overridden.has(relationship.target));
  byForeignKey.sort((a, b) =>
    (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)
    || Number(a.isSelf) - Number(b.isSelf)
    || cardinalityOrder[a.cardinality] - cardinalityOrder[b.cardinality]
    || (a.constraint < b.constraint ? -1 : a.constraint > b.constraint ? 1 : 0));
  computed.sort((a, b) => (a.function < b.function ? -1 : 1));
  return [...byForeignKey, ...computed];
}

const singleColumn = (columns: Array<[string, string]>, side: 0 | 1) => (columns.length === 1 ? columns[0][side] : null);

/** Plan.hs findRel: which of the origin's relationships `target!hint` names. */
function matches(relationship: Relationship, cache: SchemaCache, target: string, hint: string | null): boolean {
  if (relationship.kind === 'computed') return target === relationship.function;
  const originColumn = singleColumn(relationship.joinColumns, 0);
  const targetColumn = singleColumn(relationship.joinColumns, 1);
  if (relationship.isSelf) {
    // One foreign key, two directions: the table's name embeds the children (one-to-many), the
    // foreign key column the parent (many-to-one); a hint names the children's column.
    if (hint === null) {
      return (target === relationship.target && relationship.cardinality === 'one-to-many')
        || (target === originColumn && relationship.cardinality === 'many-to-one');
    }
    return target === relationship.target && relationship.cardinality === 'one-to-many' && hint === targetColumn;
  }
  if (hint === null) {
    const targetIsView = cache.relations.get(relationship.target)?.isView ?? false;
    return target === relationship.target
      || (!targetIsView && (target === relationship.constraint || target === originColumn));
  }
  return target === relationship.target && (hint === relationship.constraint || hint === originColumn || hint === targetColumn);
}

function describe(relationship: ForeignKeyRelationship, origin: string): Record<string, string> {
  const [originColumns, targetColumns] = [0, 1].map((side) => relationship.joinColumns.map((pair) => pair[side]).join(', '));
  return {
    cardinality: relationship.cardinality,
    embedding: `${origin} with ${relationship.target}`,
    relationship: `${relationship.constraint} using ${origin}(${originColumns}) and ${relationship.target}(${targetColumns})`,
  };
}

/** PostgREST's noRelBetweenHint: a close origin name if the origin has no relationships, else a close target. */
function notFoundHint(cache: SchemaCache, origin: string, target: string, relationships: Relationship[]): string | null {
  if (relationships.length === 0) {
    const origins = [...cache.relations.keys()].filter((name) => relationshipsOf(cache, name).length > 0);
    const suggestion = new FuzzySet(origins).getOne(origin);
    return suggestion === null ? null : `Perhaps you meant '${suggestion}' instead of '${origin}'.`;
  }
  const suggestion = new FuzzySet(relationships.map((relationship) => relationship.target)).get(target).find(([score]) => score < 1);
  return suggestion ? `Perhaps you meant '${suggestion[1]}' instead of '${target}'.` : null;
}

/** A many-to-many PostgREST would embed: a junction whose foreign keys to both ends lie in its primary key. */
function junctionBetween(cache: SchemaCache, origin: string, target: string): string | null {
  for (const toOrigin of cache.foreignKeys.filter((fk) => fk.referencedTable === origin)) {
    const primaryKey = cache.relations.get(toOrigin.table)?.primaryKey ?? [];
    const toTarget = cache.foreignKeys.find((fk) => fk.table === toOrigin.table && fk.referencedTable === target && fk.name !== toOrigin.name);
    if (toTarget && [...toOrigin.columns, ...toTarget.columns].every((column) => primaryKey.includes(column))) return toOrigin.table;
  }
  return null;
}

export function resolveRelationship(cache: SchemaCache, origin: string, embed: EmbedSelect): Relationship {
  const { target, hint } = embed;
  const relationships = relationshipsOf(cache, origin);
  const candidates = relationships.filter((relationship) => matches(relationship, cache, target, hint));
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) {
    const foreignKeys = candidates.filter((candidate): candidate is ForeignKeyRelationship => candidate.kind === 'foreign-key');
    const options = foreignKeys.map((candidate) => `'${candidate.target}!${candidate.constraint}'`).join(', ');
    throw restError(
      300,
      'PGRST201',
      `Could not embed because more than one relationship was found for '${origin}' and '${target}'`,
      foreignKeys.map((candidate) => describe(candidate, origin)),
      `Try changing '${target}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`,
    );
  }
  if (cache.relations.get(origin)?.isView || cache.relations.get(target)?.isView) {
    throw unsupported(`Embedding between '${origin}' and '${target}' through a view (relationships PostgREST infers from view definitions)`);
  }
  const junction = cache.relations.has(target) ? junctionBetween(cache, origin, target) : null;
  // PostgREST embeds these unhinted or hinted by the junction's name (Plan.hs matchJunction).
  if (junction && (hint === null || hint === junction)) {
    throw unsupported(`Many-to-many embedding between '${origin}' and '${target}' through '${junction}' (embed '${junction}' and nest '${target}' inside it)`);
  }
  throw schemaMiss(
    400,
    'PGRST200',
    `Could not find a relationship between '${origin}' and '${target}' in the schema cache`,
    `Searched for a foreign key relationship between '${origin}' and '${target}'${hint === null ? '' : ` using the hint '${hint}'`} in the schema '${cache.schema}', but no matches were found.`,
    notFoundHint(cache, origin, target, relationships),
  );
}

// Which foreign key an embedded resource follows, resolved the way PostgREST does: by target
// relation (many-to-one or one-to-many), by foreign key name or column, narrowed by a `!hint`.
import { restError, schemaMiss, unsupported } from './errors.ts';
import type { EmbedSelect } from './query-params.ts';
import type { ForeignKey, SchemaCache } from './schema-cache.ts';

export interface Relationship {
  target: string;
  constraint: string;
  cardinality: 'many-to-one' | 'one-to-many' | 'one-to-one';
  /** [parent column, target column] pairs of the join. */
  joinColumns: Array<[string, string]>;
}

function manyToOne(fk: ForeignKey): Relationship {
  return {
    target: fk.referencedTable,
    constraint: fk.name,
    cardinality: 'many-to-one',
    joinColumns: fk.columns.map((column, index) => [column, fk.referencedColumns[index]]),
  };
}

function oneToMany(fk: ForeignKey, cache: SchemaCache): Relationship {
  const unique = cache.relations.get(fk.table)?.uniqueKeys.some(
    (key) => key.length === fk.columns.length && key.every((column) => fk.columns.includes(column)),
  );
  return {
    target: fk.table,
    constraint: fk.name,
    cardinality: unique ? 'one-to-one' : 'one-to-many',
    joinColumns: fk.referencedColumns.map((column, index) => [column, fk.columns[index]]),
  };
}

const matchesHint = (fk: ForeignKey, hint: string) => fk.name === hint || fk.columns.join(',') === hint;

function describe(relationship: Relationship, parent: string): Record<string, string> {
  const [parentColumns, targetColumns] = [0, 1].map((side) => relationship.joinColumns.map((pair) => pair[side]).join(', '));
  return {
    cardinality: relationship.cardinality,
    embedding: `${parent} with ${relationship.target}`,
    relationship: `${relationship.constraint} using ${parent}(${parentColumns}) and ${relationship.target}(${targetColumns})`,
  };
}

export function resolveRelationship(cache: SchemaCache, parent: string, embed: EmbedSelect): Relationship {
  const { target, hint } = embed;
  const fks = cache.foreignKeys;
  let candidates: Relationship[];
  if (cache.relations.has(target)) {
    candidates = [
      ...fks.filter((fk) => fk.table === parent && fk.referencedTable === target && (!hint || matchesHint(fk, hint))).map(manyToOne),
      ...fks.filter((fk) => fk.table === target && fk.referencedTable === parent && (!hint || matchesHint(fk, hint)))
        .map((fk) => oneToMany(fk, cache)),
    ];
  } else {
    // `select=category_id(*)` or `select=products_category_id_fkey(*)` name the foreign key itself.
    candidates = [
      ...fks.filter((fk) => fk.table === parent && matchesHint(fk, target)).map(manyToOne),
      ...fks.filter((fk) => fk.referencedTable === parent && fk.name === target).map((fk) => oneToMany(fk, cache)),
    ];
  }
  if (candidates.length === 1) return candidates[0];
  if (candidates.length > 1) {
    const options = candidates.map((candidate) => `'${candidate.target}!${candidate.constraint}'`).join(', ');
    throw restError(
      300,
      'PGRST201',
      `Could not embed because more than one relationship was found for '${parent}' and '${target}'`,
      candidates.map((candidate) => describe(candidate, parent)),
      `Try changing '${target}' to one of the following: ${options}. Find the desired relationship in the 'details' key.`,
    );
  }
  if (cache.relations.get(parent)?.isView || cache.relations.get(target)?.isView) {
    throw unsupported(`Embedding between '${parent}' and '${target}' through a view (relationships PostgREST infers from view definitions)`);
  }
  const junction = cache.relations.has(target) && fks.find(
    (fk) => fk.referencedTable === parent && fks.some((other) => other.table === fk.table && other.referencedTable === target),
  );
  const schema = cache.schema;
  throw schemaMiss(
    400,
    'PGRST200',
    `Could not find a relationship between '${parent}' and '${target}' in the schema cache`,
    junction ? `Many-to-many embedding through '${junction.table}' is not supported by the local API stand-in; embed '${junction.table}' and nest '${target}' inside it.` : null,
    `Verify that '${parent}' and '${target}' exist in the schema '${schema}' and that there is a foreign key relationship between them. If a new relationship was created, try reloading the schema cache.`,
  );
}

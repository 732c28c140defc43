// The only two ways user input reaches SQL: identifiers (checked against the schema cache first,
// then quoted here) and values (always bound as $n parameters).

/**
 * Cut at the first NUL, as PostgREST's escapeIdent does (trimNullChars): the wire protocol ends
 * the query text at a NUL, and PostgreSQL answers the truncated message by ending the session.
 */
export function quoteIdent(name: string): string {
  const end = name.indexOf('\0');
  return `"${(end < 0 ? name : name.slice(0, end)).replaceAll('"', '""')}"`;
}

export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** Collects bound values and hands out their placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

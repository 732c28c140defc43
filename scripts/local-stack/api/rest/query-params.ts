// Parses PostgREST's query-string language (select trees, filters, logic trees, order, limit and
// offset, also per embedded resource) into plain data. No SQL here: names are checked against the
// schema cache and values are bound as parameters later.
import { parseError, unsupported } from './errors.ts';

export interface StarSelect {
  kind: 'star';
}
export interface ColumnSelect {
  kind: 'column';
  name: string;
  alias: string | null;
  cast: string | null;
}
export interface EmbedSelect {
  kind: 'embed';
  /** A relation name, or a foreign key / column name PostgREST also accepts as the target. */
  target: string;
  alias: string | null;
  /** Disambiguation after `!`: a foreign key constraint name or one of its columns. */
  hint: string | null;
  inner: boolean;
  children: SelectItem[];
}
export type SelectItem = StarSelect | ColumnSelect | EmbedSelect;

export interface Condition {
  kind: 'condition';
  column: string;
  negated: boolean;
  operator: string;
  quantifier: 'any' | 'all' | null;
  ftsConfig: string | null;
  /** A list for `in`, otherwise the raw operand. */
  value: string | string[];
}
export interface LogicTree {
  kind: 'logic';
  operator: 'and' | 'or';
  negated: boolean;
  children: Filter[];
}
export type Filter = Condition | LogicTree;

export interface OrderTerm {
  column: string;
  descending: boolean;
  nulls: 'first' | 'last' | null;
}

/** Filters and paging for the top level ('') or one embedded resource ('images', 'a.b'). */
export interface NodeOptions {
  filters: Filter[];
  order: OrderTerm[];
  limit: number | null;
  offset: number | null;
}

export interface ReadParams {
  select: SelectItem[];
  nodes: Map<string, NodeOptions>;
}

const quantifiable = new Set(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'match', 'imatch']);
const ftsOperators = new Set(['fts', 'plfts', 'phfts', 'wfts']);
export const filterOperators = new Set([
  ...quantifiable, ...ftsOperators,
  'is', 'isdistinct', 'in', 'cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj',
]);
const isValues = new Set(['null', 'not_null', 'true', 'false', 'unknown']);

/** Query keys that are never filters (PostgREST's reserved names). */
export const reservedKeys = new Set(['select', 'columns', 'on_conflict']);

function rejectJsonPath(name: string): void {
  if (name.includes('->')) unsupportedThrow('JSON path operators (->, ->>) in column names');
}

function unsupportedThrow(feature: string): never {
  throw unsupported(feature);
}

// ---------------------------------------------------------------- select

class SelectCursor {
  position = 0;
  constructor(readonly text: string) {}
  peek(length = 1): string {
    return this.text.slice(this.position, this.position + length);
  }
  eat(token: string): boolean {
    if (this.peek(token.length) !== token) return false;
    this.position += token.length;
    return true;
  }
  fail(expected: string): never {
    throw parseError(
      `failed to parse select parameter (${this.text})`,
      `unexpected "${this.peek() || 'end of input'}" at position ${this.position + 1}, expecting ${expected}`,
    );
  }
  /** A bare name or a double-quoted one; bare names stop at PostgREST's delimiters. */
  name(): string {
    if (this.eat('"')) {
      const end = this.text.indexOf('"', this.position);
      if (end < 0) this.fail('a closing double quote');
      const quoted = this.text.slice(this.position, end);
      this.position = end + 1;
      return quoted;
    }
    // Colons end a bare name: the caller decides between `alias:name` and `name::cast`.
    // Control characters (NUL above all) are no identifier characters for PostgREST either
    // (letters, digits, `_`, `$`, space and dashes): it answers PGRST100 as this parse error does.
    const match = /^[^,():!"\p{Cc}]+/u.exec(this.text.slice(this.position));
    if (!match) this.fail('a column or relation name');
    this.position += match[0].length;
    return match[0].trim();
  }
}

function parseSelectItem(cursor: SelectCursor): SelectItem {
  if (cursor.peek(3) === '...') unsupportedThrow('Spread embedding (...relation)');
  if (cursor.eat('*')) return { kind: 'star' };
  let alias: string | null = null;
  let name = cursor.name();
  if (cursor.peek() === ':' && cursor.peek(2) !== '::') {
    cursor.eat(':');
    alias = name;
    name = cursor.name();
  }
  rejectJsonPath(name);
  if (name.includes('.')) unsupportedThrow(`Aggregate functions in select (${name})`);
  const marks: string[] = [];
  while (cursor.eat('!')) marks.push(cursor.name());
  let cast: string | null = null;
  if (cursor.eat('::')) cast = cursor.name();
  if (!cursor.eat('(')) {
    if (marks.length) cursor.fail('"(" after an embedding hint');
    return { kind: 'column', name, alias, cast };
  }
  if (name === 'count' && cursor.peek() === ')') unsupportedThrow('Aggregate functions in select (count())');
  const children = cursor.peek() === ')' ? [] : parseSelectList(cursor);
  if (!cursor.eat(')')) cursor.fail('")"');
  const inner = marks.includes('inner');
  const hints = marks.filter((mark) => mark !== 'inner' && mark !== 'left');
  if (hints.length > 1) cursor.fail('at most one embedding hint');
  return { kind: 'embed', target: name, alias, hint: hints[0] ?? null, inner, children };
}

function parseSelectList(cursor: SelectCursor): SelectItem[] {
  const items = [parseSelectItem(cursor)];
  while (cursor.eat(',')) items.push(parseSelectItem(cursor));
  return items;
}

export function parseSelect(text: string): SelectItem[] {
  const cursor = new SelectCursor(text.trim() === '' ? '*' : text);
  const items = parseSelectList(cursor);
  if (cursor.position < cursor.text.length) cursor.fail('"," or end of input');
  return items;
}

// ---------------------------------------------------------------- filters

/** Splits on commas that are outside parentheses and double quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\\' && quoted) index++;
    else if (char === '"') quoted = !quoted;
    else if (!quoted && char === '(') depth++;
    else if (!quoted && char === ')') depth--;
    else if (!quoted && depth === 0 && char === ',') {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unquote(value: string): string {
  const match = /^"(.*)"$/s.exec(value);
  return match ? match[1].replace(/\\(.)/g, '$1') : value;
}

function parseList(raw: string, filterText: string): string[] {
  const match = /^\((.*)\)$/s.exec(raw);
  if (!match) throw parseError(`failed to parse filter (${filterText})`, 'expecting a list like (a,b,c)');
  return match[1] === '' ? [] : splitTopLevel(match[1]).map((item) => unquote(item.trim()));
}

/** `[not.]op[(any|all)|(config)].value` for one column; `insideLogic` unquotes "…" operands. */
export function parseCondition(column: string, raw: string, insideLogic = false): Condition {
  rejectJsonPath(column);
  const filterText = `${column}=${raw}`;
  const negated = raw.startsWith('not.');
  const rest = negated ? raw.slice(4) : raw;
  const match = /^(\w+)(?:\((\w+)\))?\.(.*)$/s.exec(rest);
  if (!match || !filterOperators.has(match[1])) {
    throw parseError(
      `failed to parse filter (${rest})`,
      `unknown or missing operator in "${filterText}"; expecting one of: ${[...filterOperators].join(', ')}`,
    );
  }
  const [, operator, modifier, operand] = match;
  let quantifier: Condition['quantifier'] = null;
  let ftsConfig: string | null = null;
  if (modifier && ftsOperators.has(operator)) ftsConfig = modifier;
  else if (modifier && quantifiable.has(operator) && (modifier === 'any' || modifier === 'all')) quantifier = modifier;
  else if (modifier) throw parseError(`failed to parse filter (${rest})`, `"${modifier}" is not valid after ${operator}`);
  let value: string | string[] = insideLogic ? unquote(operand) : operand;
  if (operator === 'in') value = parseList(operand, filterText);
  if (operator === 'is' && !isValues.has(operand.toLowerCase())) {
    throw parseError(`failed to parse filter (${rest})`, 'is accepts null, not_null, true, false or unknown');
  }
  return { kind: 'condition', column, negated, operator, quantifier, ftsConfig, value };
}

/** The value of `or=(…)` / `and=(…)`: conditions and nested `and(…)`, `not.or(…)`. */
export function parseLogicTree(operator: 'and' | 'or', negated: boolean, raw: string): LogicTree {
  const match = /^\((.*)\)$/s.exec(raw);
  if (!match) throw parseError(`failed to parse logic tree (${raw})`, 'expecting "(" … ")"');
  const children = splitTopLevel(match[1]).map((part): Filter => {
    const item = part.trim();
    const nested = /^(not\.)?(and|or)(\(.*\))$/s.exec(item);
    if (nested) return parseLogicTree(nested[2] as 'and' | 'or', Boolean(nested[1]), nested[3]);
    const dot = item.indexOf('.');
    if (dot <= 0) throw parseError(`failed to parse logic tree (${raw})`, `"${item}" is not column.operator.value`);
    return parseCondition(item.slice(0, dot), item.slice(dot + 1), true);
  });
  return { kind: 'logic', operator, negated, children };
}

// ---------------------------------------------------------------- order, paging, nodes

export function parseOrder(raw: string): OrderTerm[] {
  return splitTopLevel(raw).map((term) => {
    if (term.includes('(')) unsupportedThrow(`Ordering by a related table's column (${term})`);
    const [column, ...modifiers] = term.split('.');
    rejectJsonPath(column);
    const order: OrderTerm = { column, descending: false, nulls: null };
    for (const modifier of modifiers) {
      if (modifier === 'asc' || modifier === 'desc') order.descending = modifier === 'desc';
      else if (modifier === 'nullsfirst' || modifier === 'nullslast') order.nulls = modifier === 'nullsfirst' ? 'first' : 'last';
      else throw parseError(`failed to parse order (${raw})`, `unexpected "${modifier}", expecting asc, desc, nullsfirst or nullslast`);
    }
    if (!column) throw parseError(`failed to parse order (${raw})`, 'missing column name');
    return order;
  });
}

function parseCount(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw parseError(`failed to parse ${name} parameter (${raw})`, 'expecting a non-negative integer');
  return Number(raw);
}

function nodeFor(nodes: Map<string, NodeOptions>, path: string): NodeOptions {
  let node = nodes.get(path);
  if (!node) {
    node = { filters: [], order: [], limit: null, offset: null };
    nodes.set(path, node);
  }
  return node;
}

/**
 * Reads select, filters, order and paging from query entries. `ignored` holds keys handled
 * elsewhere (RPC arguments on GET). Embedded options are keyed by their path: `images.order=…`.
 */
export function parseReadParams(entries: Iterable<[string, string]>, ignored: ReadonlySet<string> = new Set()): ReadParams {
  let select: SelectItem[] = [{ kind: 'star' }];
  const nodes = new Map<string, NodeOptions>([['', { filters: [], order: [], limit: null, offset: null }]]);
  for (const [key, value] of entries) {
    if (key === 'select') {
      select = parseSelect(value);
      continue;
    }
    if (reservedKeys.has(key) || ignored.has(key)) continue;
    const segments = key.split('.');
    const negatedLogic = segments.length >= 2 && segments.at(-2) === 'not' && ['or', 'and'].includes(segments.at(-1)!);
    const last = segments.at(-1)!;
    const pathSegments = segments.slice(0, negatedLogic ? -2 : -1);
    const node = nodeFor(nodes, pathSegments.join('.'));
    if (last === 'or' || last === 'and') node.filters.push(parseLogicTree(last, negatedLogic, value));
    else if (last === 'order') node.order.push(...parseOrder(value));
    else if (last === 'limit') node.limit = parseCount('limit', value);
    else if (last === 'offset') node.offset = parseCount('offset', value);
    else node.filters.push(parseCondition(last, value));
  }
  return { select, nodes };
}

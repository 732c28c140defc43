// /rpc/<fn>: picks the overload the arguments name (as PostgREST does), passes them through
// json_to_record with the parameters' own types, and shapes the call for its return type.
import { restError, schemaMiss, unsupported } from './errors.ts';
import { FuzzySet } from './fuzzy-set.ts';
import type { Routine, RoutineParameter, SchemaCache } from './schema-cache.ts';
import { qualified, quoteIdent, type SqlParams } from './sql.ts';

export interface RoutineCall {
  routine: Routine;
  /** Names of the arguments taken from the request (GET: these query keys are not filters). */
  argumentNames: Set<string>;
  /** FROM item that produces the function's rows under the alias "t0", and any CTEs it needs. */
  from: string;
  /** The call itself, for scalar and void results. */
  expression: string;
}

/** How a POSTed body reaches a function: JSON, or whole as one text, xml or bytea argument. */
export type BodyMedia = 'json' | 'text' | 'xml' | 'bytea';

const fallbackTypes: Record<BodyMedia, string[]> = { json: ['json', 'jsonb'], text: ['text'], xml: ['xml'], bytea: ['bytea'] };

/**
 * PostgREST's fallback for a POSTed body no overload's parameters match: a function with exactly
 * one parameter, named or not, of the body's type (Plan.hs findProc, hasSingleUnnamedParam).
 */
function takesBodyAsFallback(routine: Routine, media: BodyMedia): boolean {
  return routine.parameters.length === 1 && fallbackTypes[media].includes(routine.parameters[0].type);
}

/** Plan.hs findProc matchesParams: the keys name every required parameter and nothing but parameters. */
function matchesParameters(routine: Routine, keys: Set<string>, wholeBodyMedia: boolean): boolean {
  // A text, xml or binary body is meant for a parameter, so a function without any does not match.
  if (routine.parameters.length === 0 && wholeBodyMedia) return false;
  const required = routine.parameters.filter((parameter) => !parameter.hasDefault).map((parameter) => parameter.name);
  const optional = new Set(routine.parameters.filter((parameter) => parameter.hasDefault).map((parameter) => parameter.name));
  const rest = [...keys].filter((key) => !optional.has(key));
  return rest.length === new Set(required).size && required.every((name) => keys.has(name));
}

/** PostgREST's noRpcHint: the closest function name, or the closest parameter list among the overloads. */
function notFoundHint(cache: SchemaCache, name: string, keys: string[], overloads: Routine[]): string | null {
  const asList = (names: string[]) => `(${[...names].sort().join(', ')})`;
  const suggestion = overloads.length
    ? new FuzzySet(overloads.map((routine) => asList(routine.parameters.map((parameter) => parameter.name)))).getOne(asList(keys))
    : new FuzzySet([...cache.routines].filter(([, routines]) => routines.some((routine) => routine.callable)).map(([routineName]) => routineName))
      .getOne(name);
  if (suggestion === null) return null;
  return `Perhaps you meant to call the function ${cache.schema}.${overloads.length ? name : ''}${suggestion}`;
}

function notFound(cache: SchemaCache, name: string, keys: string[], method: string, overloads: Routine[], media: BodyMedia): never {
  if (method === 'POST' && media !== 'json') {
    // Error.hs NoRpc with onlySingleParams: no parameter list and no hint.
    throw schemaMiss(404, 'PGRST202', `Could not find the function ${cache.schema}.${name} in the schema cache`,
      `Searched for the function ${cache.schema}.${name} with a single unnamed ${media} parameter, but no matches were found in the schema cache.`);
  }
  const sorted = [...keys].sort();
  const signature = sorted.length ? `(${sorted.join(', ')})` : ' without parameters';
  const searched = sorted.length ? `with parameter${sorted.length > 1 ? 's' : ''} ${sorted.join(', ')}` : 'without parameters';
  const jsonAlternative = method === 'POST' ? ' or with a single unnamed json/jsonb parameter' : '';
  throw schemaMiss(
    404,
    'PGRST202',
    `Could not find the function ${cache.schema}.${name}${signature} in the schema cache`,
    `Searched for the function ${cache.schema}.${name} ${searched}${jsonAlternative}, but no matches were found in the schema cache.`,
    notFoundHint(cache, name, sorted, overloads),
  );
}

function ambiguous(cache: SchemaCache, name: string, routines: Routine[]): never {
  const describe = (routine: Routine) =>
    `${cache.schema}.${name}(${routine.parameters.map((parameter) => `${parameter.name} => ${parameter.type}`).join(', ')})`;
  throw restError(300, 'PGRST203', `Could not choose the best candidate function between: ${routines.map(describe).join(', ')}`,
    null, 'Try renaming the parameters or the function itself in the database so function overloading can be resolved');
}

/**
 * Picks the overload as PostgREST's findProc does: the one whose parameters the argument keys
 * match exactly (POST: the body's keys; GET: the query keys that are no filters); failing that,
 * on POST, the one function with a single json/jsonb parameter, which takes the whole body.
 * Two matches at either step are PGRST203, none PGRST202.
 */
export function resolveRoutine(
  cache: SchemaCache,
  name: string,
  method: string,
  keys: string[],
  bodyIsObject: boolean,
  media: BodyMedia = 'json',
): { routine: Routine; wholeBody: boolean } {
  const overloads = (cache.routines.get(name) ?? []).filter((routine) => routine.callable);
  const keySet = new Set(keys);
  const isPost = method === 'POST';
  const wholeBodyMedia = isPost && media !== 'json';
  const matched = bodyIsObject || wholeBodyMedia ? overloads.filter((routine) => matchesParameters(routine, keySet, wholeBodyMedia)) : [];
  const fallbacks = isPost ? overloads.filter((routine) => !matched.includes(routine) && takesBodyAsFallback(routine, media)) : [];
  if (matched.length === 1) return { routine: matched[0], wholeBody: false };
  if (matched.length > 1) ambiguous(cache, name, matched);
  if (fallbacks.length === 1) {
    // An unnamed parameter gets the body; a named one only the keys that name it (CallPlan's KeyParams).
    return { routine: fallbacks[0], wholeBody: fallbacks[0].parameters[0].name === '' };
  }
  if (fallbacks.length > 1) ambiguous(cache, name, fallbacks);
  notFound(cache, name, keys, method, overloads, media);
}

export function buildRoutineCall(
  cache: SchemaCache,
  routine: Routine,
  wholeBody: boolean,
  args: Record<string, unknown>,
  rawBody: string | Buffer | null,
  params: SqlParams,
): RoutineCall {
  const functionName = qualified(cache.schema, routine.name);
  if (wholeBody) {
    const expression = `${functionName}(${params.add(rawBody ?? '{}')}::${routine.parameters[0].type})`;
    return { routine, argumentNames: new Set(), expression, from: `${expression} as t0` };
  }
  const given: RoutineParameter[] = routine.parameters.filter((parameter) => parameter.name in args);
  if (routine.parameters.some((parameter) => parameter.name === '')) {
    throw unsupported(`Calling ${routine.name}, which has unnamed parameters other than a single json, jsonb, text, xml or bytea one`);
  }
  const argumentNames = new Set(given.map((parameter) => parameter.name));
  if (!given.length) {
    const expression = `${functionName}()`;
    return { routine, argumentNames, expression, from: `${expression} as t0` };
  }
  const recordColumns = given.map((parameter) => `${quoteIdent(parameter.name)} ${parameter.type}`).join(', ');
  const argsSource = `json_to_record(${params.add(JSON.stringify(args))}::json) as pgrst_args(${recordColumns})`;
  const named = given.map((parameter) => `${quoteIdent(parameter.name)} => pgrst_args.${quoteIdent(parameter.name)}`);
  const expression = `${functionName}(${named.join(', ')})`;
  return { routine, argumentNames, expression: `(select ${expression} from ${argsSource})`, from: `${argsSource} cross join lateral ${expression} as t0` };
}

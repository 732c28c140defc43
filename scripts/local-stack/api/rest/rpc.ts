// /rpc/<fn>: picks the overload the arguments name (as PostgREST does), passes them through
// json_to_record with the parameters' own types, and shapes the call for its return type.
import { restError, schemaMiss, unsupported } from './errors.ts';
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

const isJsonType = (type: string) => type === 'json' || type === 'jsonb';

function takesWholeBody(routine: Routine): boolean {
  return routine.parameters.length === 1 && routine.parameters[0].name === '' && isJsonType(routine.parameters[0].type);
}

function notFound(schema: string, name: string, keys: string[], method: string, overloads: Routine[]): never {
  const sorted = [...keys].sort();
  const signature = sorted.length ? `(${sorted.join(', ')})` : ' without parameters';
  const searched = sorted.length ? `with parameters ${sorted.join(', ')}` : 'without parameters';
  const jsonAlternative = method === 'POST' ? ' or with a single unnamed json/jsonb parameter' : '';
  const nearest = overloads[0];
  throw schemaMiss(
    404,
    'PGRST202',
    `Could not find the function ${schema}.${name}${signature} in the schema cache`,
    `Searched for the function ${schema}.${name} ${searched}${jsonAlternative}, but no matches were found in the schema cache.`,
    nearest ? `Perhaps you meant to call the function ${schema}.${name}(${nearest.parameters.map((p) => p.name).join(', ')})` : null,
  );
}

/**
 * POST: every body key must be a parameter and every parameter without a default must be given.
 * GET: query keys that are not parameters filter the result instead.
 */
export function resolveRoutine(
  cache: SchemaCache,
  name: string,
  method: string,
  keys: string[],
  bodyIsObject: boolean,
): { routine: Routine; wholeBody: boolean } {
  const overloads = cache.routines.get(name) ?? [];
  const names = (routine: Routine) => new Set(routine.parameters.map((parameter) => parameter.name));
  const fits = (routine: Routine) =>
    routine.parameters.every((parameter) => parameter.hasDefault || keys.includes(parameter.name))
    && (method !== 'POST' || keys.every((key) => names(routine).has(key)));
  const candidates = bodyIsObject ? overloads.filter((routine) => !takesWholeBody(routine) && fits(routine)) : [];
  if (candidates.length === 0 && method === 'POST') {
    const wholeBody = overloads.find(takesWholeBody);
    if (wholeBody) return { routine: wholeBody, wholeBody: true };
  }
  if (candidates.length === 0) notFound(cache.schema, name, keys, method, overloads);
  const matched = (routine: Routine) => keys.filter((key) => names(routine).has(key)).length;
  const best = Math.max(...candidates.map(matched));
  const bestCandidates = candidates.filter((routine) => matched(routine) === best);
  if (bestCandidates.length > 1) {
    const describe = (routine: Routine) =>
      `${cache.schema}.${name}(${routine.parameters.map((parameter) => `${parameter.name} => ${parameter.type}`).join(', ')})`;
    throw restError(300, 'PGRST203', `Could not choose the best candidate function between: ${bestCandidates.map(describe).join(', ')}`,
      null, 'Try renaming the parameters or the function itself in the database so function overloading can be resolved');
  }
  return { routine: bestCandidates[0], wholeBody: false };
}

export function buildRoutineCall(
  cache: SchemaCache,
  routine: Routine,
  wholeBody: boolean,
  args: Record<string, unknown>,
  rawBody: string | null,
  params: SqlParams,
): RoutineCall {
  const functionName = qualified(cache.schema, routine.name);
  if (wholeBody) {
    const expression = `${functionName}(${params.add(rawBody ?? '{}')}::${routine.parameters[0].type})`;
    return { routine, argumentNames: new Set(), expression, from: `${expression} as t0` };
  }
  const given: RoutineParameter[] = routine.parameters.filter((parameter) => parameter.name in args);
  if (routine.parameters.some((parameter) => parameter.name === '')) {
    throw unsupported(`Calling ${routine.name}, which has unnamed parameters other than a single json/jsonb one`);
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

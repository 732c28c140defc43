// One transaction per Auth operation, as GoTrue does, so triggers on auth.users run inside it
// and a failure anywhere leaves nothing behind.
import pg from 'pg';
import { isConnectionError } from '../database-health.ts';
import { AuthError, databaseFailure } from './errors.ts';

/** Anything that runs SQL: the pool for single reads, a client inside a transaction. */
export interface Db {
  query<Row extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<Row>>;
}

export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('begin');
    const result = await work(client);
    await client.query('commit');
    return result;
  } catch (error) {
    // A broken connection goes back with its error, so the pool discards it.
    if (isConnectionError(error)) broken = error;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release(broken);
  }
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof pg.DatabaseError && error.code === '23505' && error.constraint === constraint;
}

/** Lets our own AuthErrors through and turns any database error into GoTrue's 500 `message`. */
export async function failingAs<T>(message: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw databaseFailure(message, error);
  }
}

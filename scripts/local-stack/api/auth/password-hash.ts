// bcrypt password hashes, compatible with GoTrue's, computed by pgcrypto. supabase_auth_admin
// has no rights on schema `extensions` (on Supabase, GoTrue hashes in Go and never needs them),
// so the hashing runs on the REST pool as service_role rather than widening the auth role.
import type { ApiContext } from '../context.ts';
import { inTransaction, type Db } from './db.ts';

async function withPgcrypto<T>(context: ApiContext, sql: string, values: unknown[]): Promise<T> {
  return inTransaction(context.restPool, async (client) => {
    await client.query('set local role service_role');
    const { rows } = await client.query<{ result: T }>(sql, values);
    return rows[0].result;
  });
}

export function hashPassword(context: ApiContext, password: string): Promise<string> {
  return withPgcrypto(context, `select extensions.crypt($1, extensions.gen_salt('bf', 10)) as result`, [password]);
}

/** False for users without a bcrypt hash (anonymous, or created without a password). */
export async function passwordMatches(context: ApiContext, password: string, hash: string | null): Promise<boolean> {
  if (!hash?.startsWith('$2')) return false;
  return withPgcrypto(context, 'select extensions.crypt($1, $2) = $2 as result', [password, hash]);
}

export async function storedPasswordHash(db: Db, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ encrypted_password: string | null }>(
    'select encrypted_password from auth.users where id = $1',
    [userId],
  );
  return rows[0]?.encrypted_password ?? null;
}

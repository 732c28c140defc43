// bcrypt password hashes, as GoTrue stores them (cost 10, `$2a$`/`$2b$`), computed in the
// application like GoTrue does rather than in the database. bcryptjs is pure JavaScript: no
// install script, no native build.
import bcrypt from 'bcryptjs';
import type { Db } from './db.ts';

const cost = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, cost);
}

/** False for users without a bcrypt hash (anonymous, or created without a password). */
export async function passwordMatches(password: string, hash: string | null): Promise<boolean> {
  if (!hash?.startsWith('$2')) return false;
  return bcrypt.compare(password, hash);
}

export async function storedPasswordHash(db: Db, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ encrypted_password: string | null }>(
    'select encrypted_password from auth.users where id = $1',
    [userId],
  );
  return rows[0]?.encrypted_password ?? null;
}

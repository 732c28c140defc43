// The last two admins remove each other at the same moment: exactly one change goes through, the
// other is refused with last_admin (PT409), and an admin is always left. First as demotions,
// then as deletions, each a transaction of two statements the way an operator runs them in
// Studio's SQL editor (edit the row, then change the role or delete the account), so both rows
// are locked before either check runs: the case that deadlocked when the check locked every
// admin's row (one of the two then failed with 40P01 instead of a readable refusal), and, for
// deletions, the case that left no admin before the delete trigger existed (…0960).
// The seed's admins step down for the duration of this file and are restored after it.
import crypto from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthUsers, testDatabaseUrl } from '../support/fixtures.ts';

const tag = `lastadmin${crypto.randomBytes(4).toString('hex')}`;
const db = new pg.Client({ connectionString: testDatabaseUrl() });
let seedAdmins: string[] = [];

type Outcome = { ok: true } | { ok: false; code: string };

async function attempt(client: pg.Client, sql: string, id: string): Promise<Outcome> {
  try {
    await client.query(sql, [id]);
    return { ok: true };
  } catch (error) {
    return { ok: false, code: (error as { code?: string }).code ?? 'unknown' };
  }
}

/**
 * Two operator sessions: each locks its row with a first edit, then the first runs `change` on
 * its row while the second waits its turn, then the second. Commits what succeeded.
 */
async function raceTwoOperators(first: string, second: string, change: string): Promise<Outcome[]> {
  const sessions = await Promise.all([first, second].map(async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    return client;
  }));
  try {
    const [one, two] = sessions;
    await one.query('begin');
    await two.query('begin');
    await one.query(`update public.profiles set display_name = 'Leaving' where id = $1`, [first]);
    await two.query(`update public.profiles set display_name = 'Leaving' where id = $1`, [second]);
    const firstDone = attempt(one, change, first);
    // Let the first reach its check before the second starts.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const secondDone = attempt(two, change, second);
    const firstOutcome = await firstDone;
    await one.query(firstOutcome.ok ? 'commit' : 'rollback');
    const secondOutcome = await secondDone;
    await two.query(secondOutcome.ok ? 'commit' : 'rollback');
    return [firstOutcome, secondOutcome];
  } finally {
    await Promise.all(sessions.map((client) => client.end()));
  }
}

async function adminsAmong(ids: string[]): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from public.profiles where role = 'admin' and id = any($1::uuid[])`, [ids]);
  return rows[0].n;
}

async function twoAdmins(label: string): Promise<string[]> {
  const ids = await createAuthUsers(db, [`${tag}-${label}-a@test.local`, `${tag}-${label}-b@test.local`]);
  await db.query(`update public.profiles set role = 'admin' where id = any($1::uuid[])`, [ids]);
  return ids;
}

beforeAll(async () => {
  await db.connect();
  seedAdmins = (await db.query<{ id: string }>(`select id from public.profiles where role = 'admin'`)).rows.map((row) => row.id);
});

afterAll(async () => {
  try {
    await db.query(`update public.profiles set role = 'admin' where id = any($1::uuid[])`, [seedAdmins]);
    // The seed's admins are back, so the test's own may go.
    await db.query(`delete from auth.users where email like $1`, [`${tag}-%`]);
  } finally {
    await db.end();
  }
});

describe('the last two admins remove each other at once', () => {
  it('as demotions: one steps down, the other is refused with last_admin, never a deadlock', async () => {
    const ids = await twoAdmins('demote');
    await db.query(`update public.profiles set role = 'consumer' where role = 'admin' and id <> all($1::uuid[])`, [ids]);
    const outcomes = await raceTwoOperators(ids[0], ids[1], `update public.profiles set role = 'consumer' where id = $1`);
    expect(outcomes).toEqual([{ ok: true }, { ok: false, code: 'PT409' }]);
    expect(await adminsAmong(ids)).toBe(1);
  });

  it('as deletions: one account goes, the other is refused with last_admin, and an admin is left', async () => {
    await db.query(`update public.profiles set role = 'admin' where id = any($1::uuid[])`, [seedAdmins]);
    const ids = await twoAdmins('delete');
    await db.query(`update public.profiles set role = 'consumer' where role = 'admin' and id <> all($1::uuid[])`, [ids]);
    const outcomes = await raceTwoOperators(ids[0], ids[1], `delete from auth.users where id = $1`);
    expect(outcomes).toEqual([{ ok: true }, { ok: false, code: 'PT409' }]);
    expect(await adminsAmong(ids)).toBe(1);
  });
});

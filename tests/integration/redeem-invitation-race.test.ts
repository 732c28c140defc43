// Two OAuth accounts that are not members yet redeem the same single-use invite code at the same
// moment: exactly one becomes a member, the other is told the code is used up, and the code is
// used once. The accounts are made the way the brief's Auth makes a Kakao sign-in's user: the
// admin API with app_metadata.provider set (GoTrue merges it over {provider: email}), in
// invite-only mode, which only works because the hook and the trigger let OAuth accounts in.
// Teeth: the same rush against a naive redeem (check the code, then write the count it read
// plus one: check-then-act) admits both accounts in some round.
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, testDatabaseUrl } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createTestClient } from '../support/supabase-client.ts';

const ROUNDS = 10;
const tag = `redeem${crypto.randomBytes(4).toString('hex')}`;
const db = new pg.Client({ connectionString: testDatabaseUrl() });
let serviceRole: SupabaseClient;

/** A new Kakao account through Auth's admin API, as Auth records an OAuth sign-in. */
async function createKakaoAccount(label: string): Promise<string> {
  const { data, error } = await serviceRole.auth.admin.createUser({
    email: `${tag}-${label}@oauth.test`,
    email_confirm: true,
    app_metadata: { provider: 'kakao', providers: ['kakao'] },
    user_metadata: { name: `Racer ${label}`, avatar_url: 'https://k.kakaocdn.net/racer.jpg', sub: label },
  });
  if (error) throw error;
  return data.user.id;
}

async function createSingleUseCode(round: number): Promise<string> {
  const code = `${tag}-R${round}`.toUpperCase();
  await db.query('insert into public.invitations (code, max_uses) values ($1, 1)', [code]);
  return code;
}

async function membersOf(code: string): Promise<number> {
  const { rows } = await db.query<{ members: number }>(
    `select count(*)::int as members from public.profiles p join public.invitations i on i.id = p.invitation_id where i.code = $1`,
    [code],
  );
  return rows[0].members;
}

/**
 * check-then-act: reads whether the code admits someone and its count, waits a moment (a busy
 * server), then writes the count it read plus one and links the profile. Lives in the test's
 * own schema, called as postgres, never exposed.
 */
async function createNaiveRedeem(): Promise<void> {
  await db.query(`create schema ${tag}_naive`);
  await db.query(`
    create function ${tag}_naive.redeem(member uuid, wanted text) returns boolean
    language plpgsql as $$
    declare
      found public.invitations;
    begin
      select * into found from public.invitations i where lower(i.code) = lower(wanted);
      if found.id is null or found.use_count >= coalesce(found.max_uses, 2147483647) then
        return false;
      end if;
      perform pg_sleep(0.05);
      update public.invitations set use_count = found.use_count + 1 where id = found.id;
      update public.profiles set invitation_id = found.id where id = member;
      return true;
    end;
    $$`);
}

beforeAll(async () => {
  await db.connect();
  serviceRole = createTestClient(stackEnv().SUPABASE_SECRET_KEY);
  await db.query(`update public.app_settings set signup_mode = 'invite_only'`);
});

afterAll(async () => {
  await db.query(`delete from auth.users where email like $1`, [`${tag}-%`]);
  await db.query(`delete from public.invitations where code like $1`, [`${tag.toUpperCase()}-%`]);
  await db.query(`drop schema if exists ${tag}_naive cascade`);
  await db.query(`update public.app_settings set signup_mode = 'open'`);
  await db.end();
});

describe('redeem_invitation under concurrency', () => {
  it('creates OAuth accounts in invite-only mode without a code, as non-members', async () => {
    const id = await createKakaoAccount('probe');
    const { rows } = await db.query('select display_name, invitation_id from public.profiles where id = $1', [id]);
    expect(rows).toEqual([{ display_name: 'Racer probe', invitation_id: null }]);
  });

  it(`admits exactly one of two OAuth accounts with one single-use code, ${ROUNDS} times`, { timeout: 60_000 }, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const code = await createSingleUseCode(round);
      const users = await Promise.all([createKakaoAccount(`a${round}`), createKakaoAccount(`b${round}`)]);
      const clients = await Promise.all(users.map((id) => clientFor(id)));
      const answers = await Promise.all(clients.map((client) => client.rpc('redeem_invitation', { code: code.toLowerCase() })));

      expect(answers.map((answer) => answer.error)).toEqual([null, null]);
      const outcomes = answers.map((answer) => answer.data as { redeemed: boolean; reason: string | null });
      expect(outcomes.filter((outcome) => outcome.redeemed)).toHaveLength(1);
      expect(outcomes.find((outcome) => !outcome.redeemed)?.reason).toBe('used_up');
      expect(await membersOf(code)).toBe(1);
      const { rows } = await db.query<{ use_count: number }>('select use_count from public.invitations where code = $1', [code]);
      expect(rows[0].use_count).toBe(1);
    }
  });

  it('has teeth: a naive check-then-act redeem admits both accounts', { timeout: 60_000 }, async () => {
    await createNaiveRedeem();
    let doubled = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const code = await createSingleUseCode(100 + round);
      const users = await Promise.all([createKakaoAccount(`na${round}`), createKakaoAccount(`nb${round}`)]);
      const racers = users.map(() => new pg.Client({ connectionString: testDatabaseUrl() }));
      await Promise.all(racers.map((racer) => racer.connect()));
      try {
        await Promise.all(racers.map((racer, index) => racer.query(`select ${tag}_naive.redeem($1, $2)`, [users[index], code])));
      } finally {
        await Promise.all(racers.map((racer) => racer.end()));
      }
      if ((await membersOf(code)) > 1) doubled += 1;
    }
    console.info(`naive redeem: ${doubled} of ${ROUNDS} rounds admitted two accounts with one single-use code`);
    expect(doubled).toBeGreaterThan(0);
  });
});

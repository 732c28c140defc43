// A coupon used once, however it is raced: its approved owner taps "use" ten times at once (seven
// calls on their own real connections, three through supabase-js) while an admin at the venue
// checks the same coupon in by its code (once over SQL, once over HTTP), all released together;
// four rounds, every other one giving the venue a head start. Each round: exactly one of the
// twelve calls succeeds, the coupon is marked used and audited once, and every other caller
// gets the one readable refusal (PT409 coupon_already_used), never a server error.
//
// Teeth: the same race against a naive use (read used_at, then mark it; in a throwaway schema)
// must let more than one call use the coupon in at least one of a few attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUpEvents, createAdmins, createEvent, createMembers, createNaiveSchema, fireOne, leakedCodes, newTag, openPostgres,
  openRacers,
} from './support/events-race.ts';
import { openAsUser } from '../support/fixtures.ts';

const ownerCalls = 10;
const rounds = 4;
const tag = newTag('couponrace');
const db = openPostgres();
let adminId = '';
let memberIds: string[] = [];

async function runAs(userId: string, sql: string, params: unknown[]): Promise<Record<string, unknown>> {
  const client = await openAsUser(userId);
  const { rows } = await client.query(sql, params);
  await client.query('commit');
  await client.end();
  return rows[0];
}

/** An approved enrollment of `memberId` with its coupon, made through the RPCs. */
async function approvedCoupon(memberId: string): Promise<{ couponId: string; code: string }> {
  const eventId = await createEvent(db, tag, 5);
  const enrollment = await runAs(memberId, 'select id from public.enroll(event_id => $1)', [eventId]);
  await runAs(adminId, 'select * from public.approve_enrollment(enrollment_id => $1)', [enrollment.id]);
  const { rows } = await db.query<{ id: string; code: string }>(
    `select id, code from public.coupons where enrollment_id = $1`, [enrollment.id]);
  return { couponId: rows[0].id, code: rows[0].code };
}

beforeAll(async () => {
  await db.connect();
  [adminId] = await createAdmins(db, tag, 1);
  memberIds = await createMembers(db, tag, rounds + 5);
});

afterAll(async () => {
  await cleanUpEvents(db, tag);
  await db.end();
});

describe('use_coupon and check_in_coupon racing for one coupon', () => {
  it(`lets exactly one of ${ownerCalls} owner taps and 2 check-ins use it, over ${rounds} rounds`, { timeout: 60_000 }, async () => {
    const winners: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const owner = memberIds[round];
      const { couponId, code } = await approvedCoupon(owner);
      const ownerRacers = await openRacers(Array.from({ length: ownerCalls }, (_, index) => ({ userId: owner, via: index < 3 ? 'http' as const : 'sql' as const })));
      const adminRacers = await openRacers([{ userId: adminId, via: 'sql' }, { userId: adminId, via: 'http' }]);
      // Odd rounds give the venue a head start of a few milliseconds (it may still lose).
      const ownerDelay = (index: number) => (round % 2 === 1 ? { ms: 3 + (index % 3) } : index % 4);
      const outcomes = await Promise.all([
        ...ownerRacers.map((racer, index) => fireOne<Record<string, unknown>>(racer, {
          sql: 'select * from public.use_coupon(coupon_id => $1)', params: [couponId], rpc: 'use_coupon', args: { coupon_id: couponId },
        }, ownerDelay(index)).then((outcome) => ({ ...outcome, who: 'owner' }))),
        ...adminRacers.map((racer, index) => fireOne<Record<string, unknown>>(racer, {
          sql: 'select * from public.check_in_coupon(code => $1)', params: [code], rpc: 'check_in_coupon', args: { code },
        }, index * 2).then((outcome) => ({ ...outcome, who: 'admin' }))),
      ]);

      const succeeded = outcomes.filter((outcome) => outcome.ok);
      const refused = outcomes.filter((outcome) => !outcome.ok);
      winners.push(succeeded.map((outcome) => `${outcome.who} over ${outcome.via}`).join(' + '));
      expect(succeeded, `round ${round}`).toHaveLength(1);
      expect(refused.filter((outcome) => !outcome.code || leakedCodes.includes(outcome.code))
        .map((outcome) => `${outcome.who} ${outcome.via} ${outcome.code}: ${outcome.message}`)).toEqual([]);
      // One refusal for everyone else, whoever asked and however: "already used".
      expect([...new Set(refused.map((outcome) => `${outcome.code} ${outcome.hint}`))]).toEqual(['PT409 coupon_already_used']);

      const { rows } = await db.query<{ used: boolean; voided: boolean }>(
        `select used_at is not null as used, voided_at is not null as voided from public.coupons where id = $1`, [couponId]);
      expect(rows[0]).toEqual({ used: true, voided: false });
      // The one use is the one audited.
      const audit = await db.query<{ action: string }>(
        `select action from public.audit_log where target_table = 'public.coupons' and target_id = $1 and action <> 'coupon.issued'`,
        [couponId]);
      expect(audit.rows.map((row) => row.action)).toEqual(['coupon.used']);
    }
    console.info(`coupon race: used once per round, by ${winners.join('; ')}`);
  });

  it('has teeth: the same race against a naive read-then-mark lets the coupon be used more than once', { timeout: 60_000 }, async () => {
    const schema = await createNaiveSchema(db, tag);
    let worst = 0;
    for (let attempt = 0; attempt < 5 && worst <= 1; attempt += 1) {
      const owner = memberIds[rounds + attempt];
      const { rows: [coupon] } = await db.query<{ id: string; code: string }>(
        `with e as (insert into ${schema}.enrollments (event_id, user_id, status) values (gen_random_uuid(), $1, 'approved') returning *)
         insert into ${schema}.coupons (enrollment_id, user_id) select e.id, e.user_id from e returning id, code`,
        [owner],
      );
      const ownerRacers = await openRacers(Array.from({ length: ownerCalls }, () => ({ userId: owner, via: 'sql' as const })));
      const adminRacers = await openRacers([{ userId: adminId, via: 'sql' }, { userId: adminId, via: 'sql' }]);
      const outcomes = await Promise.all([
        ...ownerRacers.map((racer, index) =>
          fireOne(racer, { sql: `select * from ${schema}.use_coupon($1)`, params: [coupon.id], rpc: '', args: {} }, index % 4)),
        ...adminRacers.map((racer, index) =>
          fireOne(racer, { sql: `select * from ${schema}.check_in($1)`, params: [coupon.code], rpc: '', args: {} }, index * 2)),
      ]);
      // Only the naive variant's own refusal ("already used"), never a broken harness.
      expect(outcomes.filter((outcome) => !outcome.ok && outcome.code !== 'PT409').map((outcome) => `${outcome.code}: ${outcome.message}`)).toEqual([]);
      const { rows } = await db.query<{ uses: number }>(`select count(*)::int as uses from ${schema}.coupon_uses where coupon_id = $1`, [coupon.id]);
      worst = Math.max(worst, rows[0].uses);
      console.info(`naive coupon, attempt ${attempt + 1}: used ${rows[0].uses} times`);
    }
    expect(worst).toBeGreaterThan(1);
  });
});

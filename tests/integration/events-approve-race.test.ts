// Two admins approve the same pending enrollment ten times each, all at once (double clicks in
// the admin area, two operators on one list): 14 calls on their own real connections and 6
// through supabase-js over HTTP, released together. Exactly one coupon is issued, the enrollment
// is approved once (one audit row for the change, one mail in the outbox), and no caller sees a
// server error (a unique violation or a deadlock leaking out would be one).
//
// Teeth: the same race against a naive approve (look for a coupon, insert one if none; in a
// throwaway schema) must issue more than one coupon in at least one of a few attempts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUpEvents, createAdmins, createEvent, createMembers, createNaiveSchema, fireOne, leakedCodes, newTag, openPostgres,
  openRacers, type Racer,
} from './support/events-race.ts';
import { openAsUser } from '../support/fixtures.ts';

const callsPerAdmin = 10;
const tag = newTag('approverace');
const db = openPostgres();
let adminIds: string[] = [];
let memberIds: string[] = [];

async function enrollAs(userId: string, eventId: string): Promise<string> {
  const client = await openAsUser(userId);
  const { rows } = await client.query<{ id: string }>('select id from public.enroll(event_id => $1)', [eventId]);
  await client.query('commit');
  await client.end();
  return rows[0].id;
}

/** Ten callers per admin, three of each admin's over HTTP. */
async function adminRacers(): Promise<Racer[]> {
  return openRacers(adminIds.flatMap((userId) =>
    Array.from({ length: callsPerAdmin }, (_, index) => ({ userId, via: index < 3 ? ('http' as const) : ('sql' as const) }))));
}

beforeAll(async () => {
  await db.connect();
  adminIds = await createAdmins(db, tag, 2);
  memberIds = await createMembers(db, tag, 6);
});

afterAll(async () => {
  await cleanUpEvents(db, tag);
  await db.end();
});

describe('approve_enrollment clicked by two admins at once', () => {
  it(`issues exactly one coupon for ${2 * callsPerAdmin} simultaneous approvals`, { timeout: 60_000 }, async () => {
    const eventId = await createEvent(db, tag, 5);
    const enrollmentId = await enrollAs(memberIds[0], eventId);
    const racers = await adminRacers();
    const outcomes = await Promise.all(racers.map((racer, index) =>
      fireOne<{ coupon_id: string | null; status: string }>(racer, {
        sql: 'select * from public.approve_enrollment(enrollment_id => $1)', params: [enrollmentId],
        rpc: 'approve_enrollment', args: { enrollment_id: enrollmentId },
      }, index % 3)));

    const leaked = outcomes.filter((outcome) => !outcome.ok && (!outcome.code || leakedCodes.includes(outcome.code)));
    expect(leaked.map((outcome) => `${outcome.via} ${outcome.code}: ${outcome.message}`)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.ok).length).toBeGreaterThanOrEqual(1);

    const { rows } = await db.query<{ status: string; coupons: number; live: number }>(
      `select e.status,
              (select count(*)::int from public.coupons c where c.enrollment_id = e.id) as coupons,
              (select count(*)::int from public.coupons c where c.enrollment_id = e.id and c.voided_at is null) as live
         from public.enrollments e where e.id = $1`,
      [enrollmentId],
    );
    expect(rows[0]).toEqual({ status: 'approved', coupons: 1, live: 1 });

    // Every approval that answered names that one coupon; the change, the coupon and the
    // member's mail happened once.
    const { rows: [coupon] } = await db.query<{ id: string }>(`select id from public.coupons where enrollment_id = $1`, [enrollmentId]);
    expect(new Set(outcomes.filter((outcome) => outcome.ok).map((outcome) => outcome.row!.coupon_id))).toEqual(new Set([coupon.id]));
    const { rows: [once] } = await db.query<{ approvals: number; issued: number; mails: number }>(
      `select (select count(*)::int from public.audit_log where target_table = 'public.enrollments' and target_id = $1
                 and action = 'enrollment.status_changed' and new_values ->> 'status' = 'approved') as approvals,
              (select count(*)::int from public.audit_log where target_table = 'public.coupons' and target_id = $2
                 and action = 'coupon.issued') as issued,
              (select count(*)::int from public.mail_outbox where kind = 'enrollment_approved'
                 and payload ->> 'enrollment_id' = $1) as mails`,
      [enrollmentId, coupon.id],
    );
    expect(once).toEqual({ approvals: 1, issued: 1, mails: 1 });
    console.info(`approve race: ${outcomes.filter((outcome) => outcome.ok).length} of ${outcomes.length} calls answered with the coupon, ` +
      `refusals ${JSON.stringify([...new Set(outcomes.filter((outcome) => !outcome.ok).map((outcome) => outcome.code))])}`);
  });

  it('has teeth: the same race against a naive look-then-insert approve issues several coupons', { timeout: 60_000 }, async () => {
    const schema = await createNaiveSchema(db, tag);
    let worst = 0;
    for (let attempt = 0; attempt < 5 && worst <= 1; attempt += 1) {
      const eventId = await createEvent(db, tag, 5);
      const { rows: [enrollment] } = await db.query<{ id: string }>(
        `insert into ${schema}.enrollments (event_id, user_id, status) values ($1, $2, 'pending') returning id`,
        [eventId, memberIds[1 + attempt]],
      );
      const racers = await openRacers(adminIds.flatMap((userId) =>
        Array.from({ length: callsPerAdmin }, () => ({ userId, via: 'sql' as const }))));
      const outcomes = await Promise.all(racers.map((racer, index) =>
        fireOne(racer, { sql: `select * from ${schema}.approve($1)`, params: [enrollment.id], rpc: '', args: {} }, index % 3)));
      expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => `${outcome.code}: ${outcome.message}`)).toEqual([]);
      const { rows } = await db.query<{ coupons: number }>(
        `select count(*)::int as coupons from ${schema}.coupons where enrollment_id = $1`, [enrollment.id]);
      worst = Math.max(worst, rows[0].coupons);
      console.info(`naive approve, attempt ${attempt + 1}: ${rows[0].coupons} coupons for one enrollment`);
    }
    expect(worst).toBeGreaterThan(1);
  });
});

// 30 members enroll in an event of capacity 5 at the same moment: 25 on their own real
// connections (inside BEGIN as their user, as PostgREST runs a request) and 5 through supabase-js
// over HTTP, all released together. Exactly 5 get `pending`, the other 25 `waitlisted` with the
// places 1..25 (no gap, no duplicate), each member was told what is stored, and event_seats
// agrees.
//
// Teeth: the same race against a naive check-then-insert enroll (count the seats, then insert;
// in a throwaway schema) must overbook or hand out one place twice in at least one of a few
// attempts, so this harness can fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUpEvents, createEvent, createMembers, createNaiveSchema, fireOne, leakedCodes, newTag, openPostgres, openRacers,
} from './support/events-race.ts';

const members = 30;
const viaHttp = 5;
const capacity = 5;
const tag = newTag('enrollrace');
const db = openPostgres();
let memberIds: string[] = [];

/** What enroll returns (public.enrollment_state), as far as the race looks. */
interface EnrollmentState {
  id: string;
  user_id: string;
  status: string;
  waitlist_place: number | null;
}

const racersFor = (ids: string[]) => ids.map((userId, index) => ({ userId, via: index < viaHttp ? ('http' as const) : ('sql' as const) }));

beforeAll(async () => {
  await db.connect();
  memberIds = await createMembers(db, tag, members);
});

afterAll(async () => {
  await cleanUpEvents(db, tag);
  await db.end();
});

describe('enroll under a rush for the last seats', () => {
  it(`gives ${capacity} of ${members} simultaneous members a seat and the other ${members - capacity} places 1..${members - capacity}`, { timeout: 60_000 }, async () => {
    const eventId = await createEvent(db, tag, capacity);
    const racers = await openRacers(racersFor(memberIds));
    const outcomes = await Promise.all(
      racers.map((racer) =>
        fireOne<EnrollmentState>(racer, {
          sql: 'select * from public.enroll(event_id => $1)', params: [eventId], rpc: 'enroll', args: { event_id: eventId },
        })),
    );

    const failures = outcomes.filter((outcome) => !outcome.ok);
    expect(failures.map((outcome) => `${outcome.via} ${outcome.code}: ${outcome.message}`)).toEqual([]);

    // The line as stored: places counted here from waitlist_position, independently of the RPC.
    const { rows } = await db.query<EnrollmentState & { raw_position: string | null }>(
      `select id, user_id, status::text, waitlist_position::text as raw_position,
              case when status = 'waitlisted'
                   then (row_number() over (partition by status = 'waitlisted' order by waitlist_position))::int end as waitlist_place
         from public.enrollments where event_id = $1 order by waitlist_position nulls first, user_id`,
      [eventId],
    );
    expect(rows).toHaveLength(members);
    expect(new Set(rows.map((row) => row.user_id)).size).toBe(members);
    const pending = rows.filter((row) => row.status === 'pending');
    const waitlisted = rows.filter((row) => row.status === 'waitlisted');
    expect(pending).toHaveLength(capacity);
    expect(pending.every((row) => row.raw_position === null)).toBe(true);
    expect(waitlisted).toHaveLength(members - capacity);
    expect(new Set(waitlisted.map((row) => row.raw_position)).size).toBe(members - capacity);

    // What each member was told is what is stored, and the places told are 1..25, each once.
    const stored = new Map(rows.map((row) => [row.id, row]));
    for (const outcome of outcomes) {
      const row = stored.get(outcome.row!.id);
      expect(row, `${outcome.via} racer was told about an enrollment that is not stored`).toBeDefined();
      expect({ user_id: outcome.row!.user_id, status: outcome.row!.status, waitlist_place: outcome.row!.waitlist_place })
        .toEqual({ user_id: row!.user_id, status: row!.status, waitlist_place: row!.waitlist_place });
    }
    const told = outcomes.map((outcome) => outcome.row!.waitlist_place).filter((place) => place !== null).sort((a, b) => a! - b!);
    expect(told).toEqual(Array.from({ length: members - capacity }, (_, index) => index + 1));
    console.info(`enroll rush: ${pending.length} pending, ${waitlisted.length} waitlisted (places 1..${told.length}); ` +
      `${outcomes.filter((outcome) => outcome.via === 'http').length} racers over HTTP`);

    const seats = await db.query<{ capacity: number; seats_taken: number; seats_left: number }>(
      `select capacity, seats_taken, seats_left from public.event_seats where event_id = $1`, [eventId]);
    expect(seats.rows[0]).toEqual({ capacity, seats_taken: capacity, seats_left: 0 });
  });

  it('returns the same enrollment to a member who clicks ten times at once', async () => {
    const eventId = await createEvent(db, tag, capacity);
    const racers = await openRacers(Array.from({ length: 10 }, (_, index) => ({ userId: memberIds[0], via: index < 3 ? 'http' as const : 'sql' as const })));
    const outcomes = await Promise.all(
      racers.map((racer) =>
        fireOne<EnrollmentState>(racer, {
          sql: 'select * from public.enroll(event_id => $1)', params: [eventId], rpc: 'enroll', args: { event_id: eventId },
        })),
    );
    expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => `${outcome.via} ${outcome.code}: ${outcome.message}`)).toEqual([]);
    expect(new Set(outcomes.map((outcome) => outcome.row!.id)).size).toBe(1);
    const { rows } = await db.query<{ count: number }>(`select count(*)::int as count from public.enrollments where event_id = $1`, [eventId]);
    expect(rows[0].count).toBe(1);
    expect(outcomes.some((outcome) => outcome.code && leakedCodes.includes(outcome.code))).toBe(false);
  });

  it('has teeth: the same rush against a naive check-then-insert overbooks or repeats a place', { timeout: 60_000 }, async () => {
    const schema = await createNaiveSchema(db, tag);
    let broken = '';
    for (let attempt = 0; attempt < 5 && !broken; attempt += 1) {
      const eventId = await createEvent(db, tag, capacity);
      // All over SQL: the naive variant is not exposed through the API.
      const racers = await openRacers(memberIds.map((userId) => ({ userId, via: 'sql' as const })));
      const outcomes = await Promise.all(racers.map((racer) =>
        fireOne(racer, { sql: `select * from ${schema}.enroll($1)`, params: [eventId], rpc: '', args: {} })));
      // The naive variant must fail by overbooking, not by erroring: a broken harness proves nothing.
      expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => `${outcome.code}: ${outcome.message}`)).toEqual([]);
      const { rows } = await db.query<{ pending: number; places: number; distinct_places: number }>(
        `select count(*) filter (where status = 'pending')::int as pending,
                count(waitlist_position)::int as places, count(distinct waitlist_position)::int as distinct_places
           from ${schema}.enrollments where event_id = $1`,
        [eventId],
      );
      const { pending, places, distinct_places: distinctPlaces } = rows[0];
      if (pending > capacity) broken = `${pending} pending for ${capacity} seats`;
      else if (distinctPlaces < places) broken = `${places} waitlist places but only ${distinctPlaces} distinct`;
      console.info(`naive enroll, attempt ${attempt + 1}: ${pending} pending, ${places} places (${distinctPlaces} distinct)`);
    }
    expect(broken).not.toBe('');
  });
});

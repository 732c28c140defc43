// A member cancels their seat in a full event (capacity 3) at the moment ten new members enroll.
// Eight rounds, each on a fresh event: the enrollments arrive one a millisecond and the
// cancellation lands before, inside or after the rush; two enrollments and every other
// cancellation go through supabase-js over HTTP; a watcher reads the seats taken all along.
// In every round:
//   - seats taken never exceed capacity, at any moment a reader could see,
//   - the freed seat goes to exactly one of the ten (a new enrollment that found it free, or the
//     first on the waitlist moved up in the cancelling transaction), so the event ends full,
//   - the other nine are waitlisted in one strict line (distinct, increasing places).
//
// Teeth: the same race against a naive enroll and cancel (count, then write; in a throwaway
// schema) must overbook in at least one round.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanUpEvents, createEvent, createMembers, createNaiveSchema, fireOne, leakedCodes, newTag, openPostgres, openRacers,
  watchSeats,
} from './support/events-race.ts';
import { openAsUser } from '../support/fixtures.ts';

const capacity = 3;
const newcomers = 10;
const rounds = 8;
const tag = newTag('cancelrace');
const db = openPostgres();
const watcherDb = openPostgres();
let holders: string[] = [];
let rushers: string[] = [];

async function enrollAs(userId: string, eventId: string): Promise<string> {
  const client = await openAsUser(userId);
  const { rows } = await client.query<{ id: string }>('select id from public.enroll(event_id => $1)', [eventId]);
  await client.query('commit');
  await client.end();
  return rows[0].id;
}

/**
 * The ten enrollments arrive one a millisecond (about a round trip each) from `enrollFromMs`;
 * the cancellation starts at `cancelAtMs`: inside the rush, after it, or well before it (then a
 * newcomer finds the seat free instead of the first in line moving up).
 */
const schedule = [
  { cancelAtMs: 0, enrollFromMs: 0 }, { cancelAtMs: 3, enrollFromMs: 0 }, { cancelAtMs: 6, enrollFromMs: 0 },
  { cancelAtMs: 0, enrollFromMs: 4 }, { cancelAtMs: 10, enrollFromMs: 0 }, { cancelAtMs: 0, enrollFromMs: 8 },
  { cancelAtMs: 1, enrollFromMs: 0 }, { cancelAtMs: 14, enrollFromMs: 0 },
];
const cancelAtMs = (round: number) => schedule[round % schedule.length].cancelAtMs;
const enrollAtMs = (round: number, index: number) => schedule[round % schedule.length].enrollFromMs + index;

beforeAll(async () => {
  await Promise.all([db.connect(), watcherDb.connect()]);
  holders = await createMembers(db, tag, capacity, 'holder');
  rushers = await createMembers(db, tag, newcomers, 'rusher');
});

afterAll(async () => {
  await cleanUpEvents(db, tag);
  await Promise.all([db.end(), watcherDb.end()]);
});

describe('cancel_enrollment racing new enrollments for the freed seat', () => {
  it(`never exceeds capacity and gives the seat to exactly one of ${newcomers}, over ${rounds} rounds`, { timeout: 120_000 }, async () => {
    const wrong: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      const eventId = await createEvent(db, tag, capacity);
      const seatIds: string[] = [];
      for (const holder of holders) seatIds.push(await enrollAs(holder, eventId));

      const shift = cancelAtMs(round);
      const [canceller] = await openRacers([{ userId: holders[0], via: round % 2 === 1 ? 'http' : 'sql' }]);
      const racers = await openRacers(rushers.map((userId, index) => ({ userId, via: index < 2 ? ('http' as const) : ('sql' as const) })));
      const { result: [cancelled, ...enrolled], maxTaken } = await watchSeats(watcherDb, eventId, Promise.all([
        fireOne<{ id: string; status: string }>(canceller, {
          sql: 'select * from public.cancel_enrollment(enrollment_id => $1)', params: [seatIds[0]],
          rpc: 'cancel_enrollment', args: { enrollment_id: seatIds[0] },
        }, { ms: shift }),
        ...racers.map((racer, index) => fireOne<{ id: string; status: string }>(racer, {
          sql: 'select * from public.enroll(event_id => $1)', params: [eventId], rpc: 'enroll', args: { event_id: eventId },
        }, { ms: enrollAtMs(round, index) })),
      ]));

      const failed = [cancelled, ...enrolled].filter((outcome) => !outcome.ok);
      for (const outcome of failed) wrong.push(`round ${round}: ${outcome.via} call failed with ${outcome.code}: ${outcome.message}`);
      if (failed.some((outcome) => outcome.code && leakedCodes.includes(outcome.code))) wrong.push(`round ${round}: a server error leaked`);

      const { rows } = await db.query<{ user_id: string; status: string; raw_position: string | null }>(
        `select user_id, status::text, waitlist_position::text as raw_position
           from public.enrollments where event_id = $1 order by waitlist_position nulls first`,
        [eventId],
      );
      const taken = rows.filter((row) => row.status === 'pending' || row.status === 'approved');
      const rusherRows = rows.filter((row) => rushers.includes(row.user_id));
      const seated = rusherRows.filter((row) => row.status === 'pending');
      const line = rusherRows.filter((row) => row.status === 'waitlisted').map((row) => BigInt(row.raw_position ?? -1));
      const strictLine = line.every((place, index) => place > 0n && (index === 0 || place > line[index - 1]));

      if (maxTaken > capacity) wrong.push(`round ${round}: a reader saw ${maxTaken} seats taken of ${capacity}`);
      if (taken.length !== capacity) wrong.push(`round ${round}: ${taken.length} seats taken at the end, not ${capacity}`);
      if (seated.length !== 1) wrong.push(`round ${round}: ${seated.length} newcomers got the freed seat`);
      if (line.length !== newcomers - 1 || !strictLine) wrong.push(`round ${round}: waitlist ${line.join(', ')}`);
      if (rows.find((row) => row.user_id === holders[0])?.status !== 'cancelled') wrong.push(`round ${round}: the cancellation did not stick`);

      const seats = (await db.query<{ seats_taken: number; seats_left: number }>(
        `select seats_taken, seats_left from public.event_seats where event_id = $1`, [eventId])).rows[0];
      if (seats.seats_taken !== taken.length || seats.seats_left !== capacity - taken.length) {
        wrong.push(`round ${round}: event_seats says ${JSON.stringify(seats)}, enrollments say ${taken.length} taken`);
      }
      const toldWaitlisted = enrolled.filter((outcome) => outcome.ok && outcome.row!.status === 'waitlisted').length;
      console.info(`cancel race round ${round} (cancel at ${shift} ms, enrollments from ${enrollAtMs(round, 0)} ms, cancel over ${cancelled.via}): max seats seen ${maxTaken}/${capacity}, ` +
        `${seated.length} newcomer seated (${toldWaitlisted} told waitlisted, so ${toldWaitlisted - line.length} moved up), ${line.length} in line`);
    }
    expect(wrong).toEqual([]);
  });

  it('has teeth: the same race against a naive count-then-write enroll and cancel overbooks', { timeout: 120_000 }, async () => {
    const schema = await createNaiveSchema(db, tag);
    let worst = 0;
    // Up to twice the schedule: the naive variant loses the seat count in most rounds, not all.
    for (let round = 0; round < 2 * rounds && worst <= capacity; round += 1) {
      const eventId = await createEvent(db, tag, capacity);
      const { rows: seats } = await db.query<{ id: string }>(
        `insert into ${schema}.enrollments (event_id, user_id, status) select $1, u, 'pending' from unnest($2::uuid[]) u returning id`,
        [eventId, holders],
      );
      const shift = cancelAtMs(round);
      const [canceller] = await openRacers([{ userId: holders[0], via: 'sql' }]);
      const racers = await openRacers(rushers.map((userId) => ({ userId, via: 'sql' as const })));
      const outcomes = await Promise.all([
        fireOne(canceller, { sql: `select * from ${schema}.cancel($1)`, params: [seats[0].id], rpc: '', args: {} }, { ms: shift }),
        ...racers.map((racer, index) =>
          fireOne(racer, { sql: `select * from ${schema}.enroll($1)`, params: [eventId], rpc: '', args: {} }, { ms: enrollAtMs(round, index) })),
      ]);
      expect(outcomes.filter((outcome) => !outcome.ok).map((outcome) => `${outcome.code}: ${outcome.message}`)).toEqual([]);
      const { rows } = await db.query<{ taken: number }>(
        `select count(*)::int as taken from ${schema}.enrollments where event_id = $1 and status in ('pending', 'approved')`, [eventId]);
      worst = Math.max(worst, rows[0].taken);
      console.info(`naive cancel race round ${round} (cancel at ${shift} ms, enrollments from ${enrollAtMs(round, 0)} ms): ${rows[0].taken} seats taken of ${capacity}`);
    }
    expect(worst).toBeGreaterThan(capacity);
  });
});

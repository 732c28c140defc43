// Enrollment rush: N members enroll in one event of capacity 50 as fast as they can (a sign-up
// opening at noon), the project's public.enroll against a baseline with the same contract:
//
//   for_update  SELECT … FOR UPDATE the event, count its taken seats and its waitlist in a new
//               statement, then insert pending or waitlisted: correct, the textbook lock-then-check
//   ours        public.enroll
//
// Fairness: the baseline lives in a throwaway schema (bench_enroll_<hex>, dropped at the end)
// with an enrollments table shaped like public.enrollments (same keys, foreign keys, checks and
// indexes) and a function with private.enroll's checks in the same order (signed in, not a
// guest, a member in invite-only mode, the event exists and is published, one row per member
// and event so a second call returns it, not cancelled, not started), the same clock
// (private.now()), the same audit row per enrollment and the same return type
// (public.enrollment_state, with waitlist_place counted the same way).
// Both are called by the same client code over the same connections: one API-shaped
// transaction per enrollment (BEGIN; SET LOCAL ROLE authenticated; request.jwt.claims; select …;
// COMMIT as ONE simple-query round trip, as PostgREST runs an RPC), every member once, 16
// connections taking the next member from one queue. After one warm-up round per variant (not
// reported), rounds alternate the variants on fresh events and each measures its whole rush,
// from the first enrollment to the last, since the rush is the point.
// Checked at the end, for every event the bench made: seats taken never exceed capacity (the
// count of pending + approved rows, and event_seats for ours), every member has one row, and the
// waitlist places are distinct. The run fails if ours broke any of it.
//
// Run alone: npx tsx scripts/bench/enrollment-rush.ts [--profile=…]
//   (BENCH_ENROLL_MEMBERS=600, BENCH_ENROLL_ROUNDS=3, BENCH_ENROLL_CLIENTS=16)
import crypto from 'node:crypto';
import pg from 'pg';
import { databaseUrl, profileFromArgs } from '../lib/profile.ts';

const members = Number(process.env.BENCH_ENROLL_MEMBERS ?? 600);
const rounds = Number(process.env.BENCH_ENROLL_ROUNDS ?? 3);
const clients = Number(process.env.BENCH_ENROLL_CLIENTS ?? 16);
const capacity = 50;
const variants = ['for_update', 'ours'] as const;

type Variant = (typeof variants)[number];

export interface EnrollmentRushCell {
  variant: Variant;
  round: number;
  enrollments: number;
  errors: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
}

export interface EnrollmentRushCheck {
  variant: Variant;
  eventId: string;
  capacity: number;
  rows: number;
  taken: number;
  waitlisted: number;
  distinctPlaces: number;
  /** event_seats.seats_taken for ours; the count again for the baseline. */
  seatsTaken: number;
}

export interface EnrollmentRushResult {
  members: number;
  clients: number;
  capacity: number;
  cells: EnrollmentRushCell[];
  summary: { variant: Variant; throughput: number; p50Ms: number; p99Ms: number }[];
  ratio: number;
  checks: EnrollmentRushCheck[];
  /** Each a broken invariant of ours (none expected); the baseline's are reported, not fatal. */
  problems: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function withUser(url: string, user: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = 'postgres';
  return parsed.toString();
}

function claims(userId: string): string {
  return JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated', is_anonymous: false });
}

/**
 * The baseline: public.enroll's contract and checks, statement for statement, with the textbook
 * concurrency control instead of ours: lock the event row, count its seats, insert.
 */
function baselineSchemaSql(schema: string): string {
  return `
    create schema ${schema};
    create table ${schema}.enrollments (like public.enrollments including defaults including constraints including indexes);
    alter table ${schema}.enrollments
      add foreign key (event_id) references public.events (id) on update cascade on delete cascade,
      add foreign key (user_id) references public.profiles (id) on update cascade on delete cascade;

    -- The row every call returns, built exactly as private.enrollment_state builds it (plpgsql,
    -- place in line counted in the same statement, coupon), so only the locking differs.
    create function ${schema}.state(enrollment_id uuid) returns public.enrollment_state
    language plpgsql stable security definer set search_path = '' as $$
      declare
        result public.enrollment_state;
      begin
        select e.id, e.event_id, e.user_id, e.status, e.payment_status, e.payment_reference,
               case when e.status = 'waitlisted' then
                 (select count(*)::integer from ${schema}.enrollments w
                   where w.event_id = e.event_id and w.status = 'waitlisted' and w.waitlist_position <= e.waitlist_position)
               end,
               c.id, e.reason, e.updated_at
          into result
          from ${schema}.enrollments e
          left join public.coupons c on c.enrollment_id = e.id
         where e.id = state.enrollment_id;
        return result;
      end $$;

    create function ${schema}.locked_enroll(event_id uuid) returns public.enrollment_state
    language plpgsql security definer set search_path = '' as $$
      declare
        me uuid := auth.uid();
        caller auth.users;
        ev public.events;
        existing uuid;
        taken integer;
        created uuid;
      begin
        if me is null then
          raise exception using errcode = 'PT401', message = 'You need to be signed in to enroll in an event.', hint = 'sign_in_required';
        end if;
        select u.* into caller from auth.users u where u.id = me;
        if caller.id is null or coalesce(caller.is_anonymous, false) then
          raise exception using errcode = 'PT403', message = 'Events are for members.', hint = 'members_only';
        end if;
        if (select s.signup_mode from public.app_settings s) = 'invite_only'
           and not private.is_admin()
           and not private.invite_exempt(false, caller.raw_app_meta_data)
           and (select p.invitation_id from public.profiles p where p.id = me) is null then
          raise exception using errcode = 'PT403', message = 'Redeem an invite code to enroll.', hint = 'membership_required';
        end if;
        -- The lock: every enrollment in this event waits here for the one before it to commit.
        select e.* into ev from public.events e where e.id = locked_enroll.event_id and (e.published or private.is_admin()) for update;
        if ev.id is null then
          raise exception using errcode = 'PT404', message = 'This event does not exist.', detail = 'event_id', hint = 'event_not_found';
        end if;
        -- New statements from here: fresh snapshots that see what the lock waited for.
        select x.id into existing from ${schema}.enrollments x
         where x.event_id = ev.id and x.user_id = me and x.status <> 'cancelled';
        if existing is not null then
          return ${schema}.state(existing);
        end if;
        if ev.cancelled_at is not null then
          raise exception using errcode = 'PT409', message = 'The event has been cancelled.', hint = 'event_cancelled';
        end if;
        if private.now() >= ev.starts_at then
          raise exception using errcode = 'PT409', message = 'The event has already started.', hint = 'event_started';
        end if;
        select count(*) into taken from ${schema}.enrollments x where x.event_id = ev.id and x.status in ('pending', 'approved');
        if taken < ev.capacity then
          insert into ${schema}.enrollments (event_id, user_id, status, payment_status)
          values (ev.id, me, 'pending', case when ev.fee is null then 'not_required' else 'awaiting' end::public.payment_status)
          returning id into created;
        else
          insert into ${schema}.enrollments (event_id, user_id, status, waitlist_position, payment_status)
          select ev.id, me, 'waitlisted', coalesce(max(x.waitlist_position), 0) + 1,
                 case when ev.fee is null then 'not_required' else 'awaiting' end::public.payment_status
            from ${schema}.enrollments x where x.event_id = ev.id and x.status = 'waitlisted'
          returning id into created;
        end if;
        -- Audited like ours (enrollments_after_change writes the same row for every insert).
        perform private.write_audit('enrollment.created', '${schema}.enrollments', created::text, null,
          jsonb_build_object('event_id', ev.id, 'user_id', me, 'status', case when taken < ev.capacity then 'pending' else 'waitlisted' end,
                             'payment_status', case when ev.fee is null then 'not_required' else 'awaiting' end), null);
        return ${schema}.state(created);
      end $$;

    revoke execute on all functions in schema ${schema} from public;
    grant usage on schema ${schema} to authenticated;
    grant execute on all functions in schema ${schema} to authenticated;`;
}

export async function runEnrollmentRushBench(databaseUrlArg: string): Promise<EnrollmentRushResult> {
  const tag = crypto.randomBytes(4).toString('hex');
  const schema = `bench_enroll_${tag}`;
  const admin = new pg.Client({ connectionString: databaseUrlArg });
  await admin.connect();
  const memberIds = Array.from({ length: members }, () => crypto.randomUUID());
  const events: { variant: Variant; eventId: string }[] = [];
  try {
    await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
         created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
       select '00000000-0000-0000-0000-000000000000', u, 'authenticated', 'authenticated', 'bench-' || u || '@bench.test', '',
              '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', ''
         from unnest($1::uuid[]) u`,
      [memberIds],
    );
    await admin.query(baselineSchemaSql(schema));
    const callee: Record<Variant, string> = { for_update: `${schema}.locked_enroll`, ours: 'public.enroll' };
    const createEvent = async (variant: Variant, round: number): Promise<string> => {
      const eventId = (await admin.query<{ id: string }>(
        `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, published)
         values ($1, 'Bench rush', 'An enrollment rush.', now() + interval '7 days', now() + interval '7 days 2 hours',
                 'Bench Hall', $2, true) returning id`,
        [`bench-${tag}-${variant.replace('_', '-')}-r${round + 1}`, capacity])).rows[0].id;
      events.push({ variant, eventId });
      return eventId;
    };

    const apiUrl = withUser(databaseUrlArg, 'authenticator');
    const connections = await Promise.all(
      Array.from({ length: clients }, async () => {
        const client = new pg.Client({ connectionString: apiUrl });
        await client.connect();
        return client;
      }),
    );
    const runRound = async (variant: Variant, round: number): Promise<EnrollmentRushCell> => {
      const eventId = await createEvent(variant, round);
      await admin.query(`vacuum (analyze) public.events, public.enrollments, ${schema}.enrollments`);
      const latencies: number[] = [];
      let next = 0;
      let errors = 0;
      const started = performance.now();
      await Promise.all(
        connections.map(async (client) => {
          while (next < memberIds.length) {
            const userId = memberIds[next];
            next += 1;
            const sql = `begin; set local role authenticated; select set_config('request.jwt.claims', '${claims(userId)}', true); ` +
              `select status from ${callee[variant]}('${eventId}'::uuid); commit;`;
            const begun = performance.now();
            try {
              await client.query(sql);
            } catch {
              await client.query('rollback');
              errors += 1;
            }
            latencies.push(performance.now() - begun);
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      latencies.sort((a, b) => a - b);
      return {
        variant, round,
        enrollments: latencies.length - errors, errors,
        throughput: Math.round(latencies.length / elapsed),
        p50Ms: Number(percentile(latencies, 50).toFixed(2)),
        p99Ms: Number(percentile(latencies, 99).toFixed(2)),
      };
    };

    // One warm-up round each (not reported), then the rounds alternate so drift hits both.
    for (const variant of variants) await runRound(variant, -1);
    const cells: EnrollmentRushCell[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) cells.push(await runRound(variant, round));
    }
    await Promise.all(connections.map((client) => client.end()));

    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const summary = variants.map((variant) => {
      const mine = cells.filter((cell) => cell.variant === variant);
      return {
        variant,
        throughput: median(mine.map((cell) => cell.throughput)),
        p50Ms: median(mine.map((cell) => cell.p50Ms)),
        p99Ms: median(mine.map((cell) => cell.p99Ms)),
      };
    });
    const ratio = Number((summary[1].throughput / Math.max(1, summary[0].throughput)).toFixed(2));

    const checks: EnrollmentRushCheck[] = [];
    for (const { variant, eventId } of events) {
      const table = variant === 'ours' ? 'public.enrollments' : `${schema}.enrollments`;
      const { rows } = await admin.query<Omit<EnrollmentRushCheck, 'variant' | 'eventId' | 'seatsTaken'>>(
        `select ev.capacity, count(x.*)::int as rows,
                (count(*) filter (where x.status in ('pending', 'approved')))::int as taken,
                (count(*) filter (where x.status = 'waitlisted'))::int as waitlisted,
                count(distinct x.waitlist_position)::int as "distinctPlaces"
           from public.events ev left join ${table} x on x.event_id = ev.id where ev.id = $1 group by ev.capacity`,
        [eventId],
      );
      const seatsTaken = variant === 'ours'
        ? (await admin.query<{ seats_taken: number }>('select seats_taken from public.event_seats where event_id = $1', [eventId])).rows[0].seats_taken
        : rows[0].taken;
      checks.push({ variant, eventId, ...rows[0], seatsTaken });
    }
    const problems = checks.filter((check) => check.variant === 'ours').flatMap((check) => [
      ...(check.taken > check.capacity ? [`${check.eventId}: ${check.taken} seats taken of ${check.capacity}`] : []),
      ...(check.seatsTaken !== check.taken ? [`${check.eventId}: event_seats says ${check.seatsTaken}, rows say ${check.taken}`] : []),
      ...(check.rows !== members ? [`${check.eventId}: ${check.rows} enrollments for ${members} members`] : []),
      ...(check.taken !== Math.min(members, check.capacity) ? [`${check.eventId}: ${check.taken} seats taken, ${Math.min(members, check.capacity)} expected`] : []),
      ...(check.distinctPlaces !== check.waitlisted ? [`${check.eventId}: ${check.waitlisted} waitlisted, ${check.distinctPlaces} distinct places`] : []),
    ]);
    const result: EnrollmentRushResult = { members, clients, capacity, cells, summary, ratio, checks, problems };
    printEnrollmentRushBench(result);
    return result;
  } finally {
    // Cancel the bench's events first (their enrollments are cancelled, nobody is promoted), so
    // deleting the rows moves no seat; enrollments restrict their event's deletion.
    const slugs = `bench-${tag}-%`;
    await admin.query(`update public.events set cancelled_at = now() where slug like $1 and cancelled_at is null`, [slugs]).catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    await admin.query(`delete from public.enrollments where event_id in (select id from public.events where slug like $1)`, [slugs]).catch(() => undefined);
    await admin.query(`delete from public.events where slug like $1`, [slugs]).catch(() => undefined);
    await admin.query(`delete from auth.users where id = any($1::uuid[])`, [memberIds]).catch(() => undefined);
    await admin.end();
  }
}

export function printEnrollmentRushBench(result: EnrollmentRushResult): void {
  console.log(`\nEnrollment rush (${result.members} members, one event of capacity ${result.capacity}, ${result.clients} connections; ` +
    'each enrollment = one API-shaped transaction, one round trip)');
  console.table(result.cells.map((cell) => ({
    round: cell.round, variant: cell.variant, 'enrollments/s': cell.throughput, 'p50 ms': cell.p50Ms, 'p99 ms': cell.p99Ms, errors: cell.errors,
  })));
  console.table(result.summary.map((row) => ({
    variant: row.variant, 'enrollments/s (median)': row.throughput, 'p50 ms': row.p50Ms, 'p99 ms': row.p99Ms,
  })));
  console.log(`Ours ÷ FOR UPDATE (throughput): ${result.ratio.toFixed(2)}x (target ≥ 1.0x)`);
  const worst = Math.max(...result.checks.filter((check) => check.variant === 'ours').map((check) => check.taken - check.capacity));
  if (result.problems.length === 0) {
    console.log(`Seats check: ours never exceeded capacity (${result.checks.filter((c) => c.variant === 'ours').length} events, ` +
      `worst ${worst} over), one row per member, distinct waitlist places, event_seats agrees.`);
  } else {
    console.log(`SEATS CHECK FAILED: ${result.problems.length} problem(s):`);
    for (const problem of result.problems.slice(0, 20)) console.log(`  ${problem}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL_BENCH ?? databaseUrl(profileFromArgs(process.argv));
  runEnrollmentRushBench(url)
    .then((result) => {
      if (result.problems.length > 0) process.exitCode = 1;
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}

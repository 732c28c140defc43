// Shared by the events-*.test.ts races: members, admins and events made under the API as
// tests/support/fixtures.ts makes users (inserted as GoTrue inserts them, so every trigger
// fires), racers on real connections released together, and the naive variants each race must
// break (tables and check-then-act functions in the test's own throwaway schema, so the harness
// is shown to catch the bug it is there for).
import crypto from 'node:crypto';
import type { SupabaseClient } from '@supabase/supabase-js';
import pg from 'pg';
import { clientFor, createAuthUsers, openAsUser, testDatabaseUrl } from '../../support/fixtures.ts';

/** A connection as postgres (Studio's role): fixtures and looking, never racing. */
export function openPostgres(): pg.Client {
  return new pg.Client({ connectionString: testDatabaseUrl() });
}

export function newTag(prefix: string): string {
  return `${prefix}${crypto.randomBytes(4).toString('hex')}`;
}

/** `count` confirmed email members (signup mode open, as for every integration test). */
export async function createMembers(db: pg.Client, tag: string, count: number, label = 'm'): Promise<string[]> {
  return createAuthUsers(db, Array.from({ length: count }, (_, index) => `${tag}-${label}${index}@events.test`));
}

/** Members whose profile role is admin (set as postgres, as an operator does in Studio). */
export async function createAdmins(db: pg.Client, tag: string, count: number): Promise<string[]> {
  const ids = await createMembers(db, tag, count, 'admin');
  await db.query(`update public.profiles set role = 'admin' where id = any($1::uuid[])`, [ids]);
  return ids;
}

/** A published, free event starting in a week (the slug starts with the tag, for the clean-up). */
export async function createEvent(db: pg.Client, tag: string, capacity: number): Promise<string> {
  const slug = `${tag}-${crypto.randomBytes(3).toString('hex')}`;
  const { rows } = await db.query<{ id: string }>(
    `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, published)
     values ($1, $1, 'A race test event.', now() + interval '7 days', now() + interval '7 days 2 hours', 'Race Hall', $2, true)
     returning id`,
    [slug, capacity],
  );
  return rows[0].id;
}

/**
 * Removes everything a race file made. The events are cancelled first (which cancels their live
 * enrollments and promotes nobody), so deleting the rows moves no seat; coupons and enrollments
 * go before their events (their foreign keys restrict), then the users and the naive schema.
 */
export async function cleanUpEvents(db: pg.Client, tag: string): Promise<void> {
  const mine = `select id from public.events where slug like $1`;
  await db.query(`update public.events set cancelled_at = now() where slug like $1 and cancelled_at is null`, [`${tag}-%`]);
  await db.query(`delete from public.coupons where event_id in (${mine})`, [`${tag}-%`]);
  await db.query(`delete from public.enrollments where event_id in (${mine})`, [`${tag}-%`]);
  await db.query(`delete from public.events where slug like $1`, [`${tag}-%`]);
  await db.query(`delete from auth.users where email like $1`, [`${tag}-%`]);
  await db.query(`drop schema if exists ${tag}_naive cascade`);
}

export interface Outcome<Row> {
  ok: boolean;
  row?: Row;
  code?: string;
  message?: string;
  /** The refusal's stable name (the RPCs raise it as the hint). */
  hint?: string;
  via: 'sql' | 'http';
}

/** A racer: a transaction already open as its user (SQL), or a supabase-js client (HTTP). */
export type Racer = { via: 'sql'; client: pg.Client } | { via: 'http'; client: SupabaseClient };

/**
 * Opens every racer before any of them fires: SQL racers are inside BEGIN as their user, the
 * way the REST server runs a request; HTTP racers go through the API stand-in.
 */
export async function openRacers(users: { userId: string; via: 'sql' | 'http' }[]): Promise<Racer[]> {
  return Promise.all(
    users.map(async ({ userId, via }): Promise<Racer> =>
      via === 'sql' ? { via, client: await openAsUser(userId) } : { via, client: await clientFor(userId) }),
  );
}

/**
 * Shifts one racer's start against the others: a whole number yields to the event loop that
 * many times (microseconds); `{ ms }` waits that many milliseconds (about a round trip each).
 */
export async function spin(delay: number | { ms: number }): Promise<void> {
  if (typeof delay === 'object') {
    if (delay.ms > 0) await new Promise((resolve) => setTimeout(resolve, delay.ms));
    return;
  }
  for (let turn = 0; turn < delay; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Fires one call on one racer: `sql` (with $n params) over a SQL racer, committed separately (so
 * whatever the call wrote stays invisible to others until that round trip, like a real request
 * on a busy server), or `rpc(name, args)` over an HTTP racer. Resolves with what its caller was
 * told; a SQL racer's connection is closed afterwards.
 */
export async function fireOne<Row>(
  racer: Racer,
  call: { sql: string; params: unknown[]; rpc: string; args: Record<string, unknown> },
  delay: number | { ms: number } = 0,
): Promise<Outcome<Row>> {
  await spin(delay);
  if (racer.via === 'http') {
    const { data, error } = await racer.client.rpc(call.rpc, call.args);
    if (error) return { ok: false, code: error.code, message: error.message, hint: error.hint, via: 'http' };
    return { ok: true, row: (Array.isArray(data) ? data[0] : data) as Row, via: 'http' };
  }
  const client = racer.client;
  try {
    const { rows } = await client.query<Row & pg.QueryResultRow>(call.sql, call.params);
    await client.query('commit');
    return { ok: true, row: rows[0], via: 'sql' };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    const { code, message, hint } = error as { code?: string; message?: string; hint?: string };
    return { ok: false, code, message, hint, via: 'sql' };
  } finally {
    await client.end();
  }
}

/** Error codes that mean a race leaked through as a server error rather than a readable refusal. */
export const leakedCodes = ['23505', '23514', '40001', '40P01', 'XX000', '55P03'];

/**
 * Polls event_seats as postgres while `during` runs and returns the most seats it ever saw
 * taken (committed states only, which is all any reader can see).
 */
export async function watchSeats<T>(db: pg.Client, eventId: string, during: Promise<T>): Promise<{ result: T; maxTaken: number; samples: number }> {
  let done = false;
  let maxTaken = 0;
  let samples = 0;
  const watcher = (async () => {
    while (!done) {
      const { rows } = await db.query<{ taken: number }>(
        `select (select count(*)::int from public.enrollments e
                  where e.event_id = $1 and e.status in ('pending', 'approved')) as taken`,
        [eventId],
      );
      maxTaken = Math.max(maxTaken, rows[0].taken);
      samples += 1;
    }
  })();
  const result = await during.finally(() => {
    done = true;
  });
  await watcher;
  return { result, maxTaken, samples };
}

/**
 * The naive variants, in `${tag}_naive`: the same contract as enroll, cancel_enrollment,
 * approve_enrollment, use_coupon and check_in_coupon, written the way the seed documents do it
 * (read the state, decide, write, as separate steps, with no lock and no constraint to catch the
 * loser). Their own tables, shaped like ours, so nothing in public is touched; security definer,
 * like the privileged half of ours, so only the concurrency control differs.
 */
export async function createNaiveSchema(db: pg.Client, tag: string): Promise<string> {
  const schema = `${tag}_naive`;
  await db.query(`
    create schema ${schema};
    create table ${schema}.enrollments (
      id uuid primary key default gen_random_uuid(),
      event_id uuid not null,
      user_id uuid not null,
      status text not null,
      waitlist_position integer,
      created_at timestamptz not null default clock_timestamp());
    create table ${schema}.coupons (
      id uuid primary key default gen_random_uuid(),
      enrollment_id uuid not null,
      user_id uuid not null,
      code text not null default encode(extensions.gen_random_bytes(10), 'hex'),
      used_at timestamptz);
    create table ${schema}.coupon_uses (coupon_id uuid not null, used_by uuid not null, at timestamptz not null default clock_timestamp());

    create function ${schema}.enroll(event uuid) returns ${schema}.enrollments language plpgsql security definer set search_path = '' as $$
      declare me uuid := auth.uid(); taken integer; seats integer; result ${schema}.enrollments;
      begin
        select * into result from ${schema}.enrollments e where e.event_id = event and e.user_id = me and e.status <> 'cancelled';
        if found then return result; end if;
        select ev.capacity into seats from public.events ev where ev.id = event;
        select count(*) into taken from ${schema}.enrollments e where e.event_id = event and e.status in ('pending', 'approved');
        if taken < seats then
          insert into ${schema}.enrollments (event_id, user_id, status) values (event, me, 'pending') returning * into result;
        else
          insert into ${schema}.enrollments (event_id, user_id, status, waitlist_position)
          select event, me, 'waitlisted', coalesce(max(e.waitlist_position), 0) + 1
            from ${schema}.enrollments e where e.event_id = event and e.status = 'waitlisted'
          returning * into result;
        end if;
        return result;
      end $$;

    create function ${schema}.cancel(enrollment uuid) returns ${schema}.enrollments language plpgsql security definer set search_path = '' as $$
      declare result ${schema}.enrollments; taken integer; seats integer;
      begin
        update ${schema}.enrollments set status = 'cancelled', waitlist_position = null where id = enrollment returning * into result;
        select ev.capacity into seats from public.events ev where ev.id = result.event_id;
        select count(*) into taken from ${schema}.enrollments e where e.event_id = result.event_id and e.status in ('pending', 'approved');
        if taken < seats then
          update ${schema}.enrollments set status = 'pending', waitlist_position = null
           where id = (select e.id from ${schema}.enrollments e where e.event_id = result.event_id and e.status = 'waitlisted'
                        order by e.waitlist_position limit 1);
        end if;
        return result;
      end $$;

    create function ${schema}.approve(enrollment uuid) returns ${schema}.coupons language plpgsql security definer set search_path = '' as $$
      declare result ${schema}.coupons;
      begin
        select * into result from ${schema}.coupons c where c.enrollment_id = enrollment;
        if found then return result; end if;
        update ${schema}.enrollments set status = 'approved' where id = enrollment;
        insert into ${schema}.coupons (enrollment_id, user_id)
        select e.id, e.user_id from ${schema}.enrollments e where e.id = enrollment returning * into result;
        return result;
      end $$;

    create function ${schema}.use_coupon(coupon uuid) returns ${schema}.coupons language plpgsql security definer set search_path = '' as $$
      declare result ${schema}.coupons;
      begin
        select * into result from ${schema}.coupons c where c.id = coupon;
        if result.used_at is not null then raise exception using errcode = 'PT409', message = 'already used'; end if;
        update ${schema}.coupons set used_at = clock_timestamp() where id = coupon returning * into result;
        insert into ${schema}.coupon_uses (coupon_id, used_by) values (coupon, auth.uid());
        return result;
      end $$;

    create function ${schema}.check_in(coupon_code text) returns ${schema}.coupons language plpgsql security definer set search_path = '' as $$
      declare result ${schema}.coupons;
      begin
        select * into result from ${schema}.coupons c where c.code = coupon_code;
        if result.used_at is not null then raise exception using errcode = 'PT409', message = 'already used'; end if;
        update ${schema}.coupons set used_at = clock_timestamp() where id = result.id returning * into result;
        insert into ${schema}.coupon_uses (coupon_id, used_by) values (result.id, auth.uid());
        return result;
      end $$;

    revoke execute on all functions in schema ${schema} from public;
    grant usage on schema ${schema} to authenticated;
    grant execute on all functions in schema ${schema} to authenticated;
  `);
  return schema;
}

// "List my orders" and "my enrollments" with big tables, through the API as the app calls it.
//
// Seeds 1,000,000 orders (1-3 items each, real catalog products, totals that add up) and
// 100,000 enrollments (400 events, seats taken in order, the rest waitlisted, a third of the
// seated approved with a coupon) owned by 3,010 members: 10 heavy (20,000 orders, every event),
// 1,000 regular (790 orders, 80 events) and 2,000 light (5 orders, 8 events). The rows are
// loaded like a restore (session_replication_role = replica, as the cluster superuser): no
// confirmation mails for orders placed "years ago", no audit rows; foreign keys are checked by
// a query afterwards instead. Then vacuum analyze.
//
// Measured: the app's own model functions (app/models/order.server.ts listOrders, three
// requests; app/models/event.server.ts listMyEnrollments, one request) with supabase-js over
// HTTP against the API stand-in, each sample user signed in with a token signed like Auth's,
// RLS on. Each request is also timed on its own (fetch wrapper). The plans are EXPLAIN
// (ANALYZE, BUFFERS) of the very statements the stand-in builds for those URLs (its own
// ReadBuilder), run as `authenticated` with the user's claims, as a request runs.
//
// Run alone: npx tsx scripts/bench/my-lists.ts [--profile=…]   (the stack's API must be up, or it
// starts one). BENCH_LIST_ORDERS / BENCH_LIST_ENROLLMENTS scale the seed (defaults 1e6 / 1e5).
import crypto from 'node:crypto';
import { createClient, type WebSocketLikeConstructor } from '@supabase/supabase-js';
import pg from 'pg';
import { listOrders } from '../../app/models/order.server.ts';
import { listMyEnrollments } from '../../app/models/event.server.ts';
import type { Database } from '../../app/types/database.types.ts';
import { readSigningKeys, readStackEnv, signingKeysPath } from '../lib/env-file.ts';
import { databaseUrl, profileFromArgs, type StackProfile } from '../lib/profile.ts';
import { loadTokenKeys, signAccessToken } from '../local-stack/api/jwt.ts';
import { parseReadParams } from '../local-stack/api/rest/query-params.ts';
import { ReadBuilder } from '../local-stack/api/rest/read-query.ts';
import { SchemaCacheStore } from '../local-stack/api/rest/schema-cache.ts';
import { SqlParams } from '../local-stack/api/rest/sql.ts';

const orderCount = Number(process.env.BENCH_LIST_ORDERS ?? 1_000_000);
const enrollmentCount = Number(process.env.BENCH_LIST_ENROLLMENTS ?? 100_000);
const batchSize = 100_000;
const runsPerUser = Number(process.env.BENCH_LIST_RUNS ?? 100);
const eventCount = 400;
const tiers = [
  { name: 'heavy', users: 10, orderShare: 0.2, events: eventCount },
  { name: 'regular', users: 1000, orderShare: 0.79, events: 80 },
  { name: 'light', users: 2000, orderShare: 0.01, events: 8 },
] as const;

export interface ListTiming { list: string; user: string; rows: number; runs: number; p50Ms: number; p95Ms: number }
export interface MyListsBenchResult {
  orders: number;
  orderItems: number;
  enrollments: number;
  seedSeconds: { users: number; orders: number; enrollments: number; vacuum: number };
  timings: ListTiming[];
  plans: { name: string; plan: string }[];
  problems: { invariant: string; subject: string; detail: string }[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const seconds = (started: number) => Number(((performance.now() - started) / 1000).toFixed(1));

/** Owner index (0-based) of order g: tiers in order, round-robin inside a tier. */
function ownerSql(g: string): string {
  let start = 0;
  let first = 0;
  const arms: string[] = [];
  for (const tier of tiers) {
    const count = Math.round(orderCount * tier.orderShare);
    arms.push(`when ${g} < ${start + count} then ${first} + (${g} - ${start}) % ${tier.users}`);
    start += count;
    first += tier.users;
  }
  return `case ${arms.join(' ')} else ${g} % ${first} end`;
}

class RealtimeUnused {
  constructor() {
    throw new Error('The bench does not use Realtime.');
  }
}

export async function runMyListsBench(profile: StackProfile): Promise<MyListsBenchResult> {
  const env = readStackEnv(profile);
  const keys = loadTokenKeys(readSigningKeys(signingKeysPath(profile)), env.SUPABASE_JWT_SECRET);
  const tag = crypto.randomBytes(4).toString('hex');
  const admin = new pg.Client({ connectionString: databaseUrl(profile) });
  const loader = new pg.Client({ connectionString: databaseUrl(profile, 'supabase_admin') });
  await admin.connect();
  await loader.connect();
  const userCount = tiers.reduce((sum, tier) => sum + tier.users, 0);
  const userIds = Array.from({ length: userCount }, () => crypto.randomUUID());
  const keyPrefix = `bench-lists-${tag}-`;
  try {
    // ----- members (through the signup trigger: profiles and consents as for real accounts) -----
    let started = performance.now();
    await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
         raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
       select '00000000-0000-0000-0000-000000000000', u, 'authenticated', 'authenticated', 'lists-${tag}-' || n || '@bench.test', '', now(),
              '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', ''
         from unnest($1::uuid[]) with ordinality as x(u, n)`,
      [userIds],
    );
    const usersSeconds = seconds(started);

    // ----- orders and items, in batches, loaded like a restore -------------------------------
    let products = (await admin.query<{ id: string; slug: string; name: string; price: string }>(
      `select id, slug, name, price from public.products order by slug limit 6`)).rows;
    if (products.length < 3) throw new Error('The bench needs the catalog seed (at least 3 products).');
    products = products.slice(0, 6);
    const productCount = products.length;
    await loader.query('set session_replication_role = replica');
    started = performance.now();
    for (let lo = 0; lo < orderCount; lo += batchSize) {
      const hi = Math.min(orderCount, lo + batchSize) - 1;
      await loader.query(
        `with src as (
           select g, extensions.gen_random_uuid() as id, ($1::uuid[])[1 + ${ownerSql('g')}] as user_id,
                  now() - interval '3 years' * ((g::bigint * 7919) % 1000003) / 1000003.0 as created_at,
                  1 + g % 3 as lines, (g / 3) % ${productCount} as first_product
             from generate_series(${lo}, ${hi}) g
         ), lines as (
           select s.id as order_id, s.created_at, ($2::uuid[])[1 + (s.first_product + line.k) % ${productCount}] as product_id,
                  ($3::text[])[1 + (s.first_product + line.k) % ${productCount}] as slug,
                  ($4::text[])[1 + (s.first_product + line.k) % ${productCount}] as name,
                  ($5::numeric[])[1 + (s.first_product + line.k) % ${productCount}] as price,
                  1 + (s.g + line.k) % 2 as quantity
             from src s cross join generate_series(0, s.lines - 1) as line(k)
         ), totals as (
           select order_id, sum(price * quantity) as subtotal from lines group by order_id
         ), placed as (
           insert into public.orders (id, user_id, order_number, idempotency_key, status, customer_name, customer_email, shipping_address,
                  shipping_zip, shipping_city, shipping_country, payment_method, emoney_last4, subtotal, shipping, vat, discount,
                  grand_total, created_at, updated_at)
           select s.id, s.user_id, 'BL-${tag}-' || s.g, '${keyPrefix}' || s.g,
                  (array['delivered','delivered','delivered','delivered','delivered','delivered','shipped','processing','pending','cancelled'])[1 + s.g % 10]::public.order_status,
                  'Bench Buyer', 'buyer@example.com', '1 Bench Street', '10001', 'Bench City', 'Benchland',
                  (case when s.g % 4 = 0 then 'emoney' else 'cash' end)::public.payment_method,
                  case when s.g % 4 = 0 then lpad((s.g % 10000)::text, 4, '0') end,
                  t.subtotal, 50.00, round(t.subtotal * 20 / 120, 2), 0, t.subtotal + 50.00, s.created_at, s.created_at
             from src s join totals t on t.order_id = s.id
           returning id
         )
         insert into public.order_items (order_id, product_id, product_slug, product_name, unit_price, quantity, created_at)
         select l.order_id, l.product_id, l.slug, l.name, l.price, l.quantity, l.created_at from lines l`,
        [userIds, products.map((p) => p.id), products.map((p) => p.slug), products.map((p) => p.name), products.map((p) => p.price)],
      );
    }
    const ordersSeconds = seconds(started);

    // ----- events and enrollments: seats in order of arrival, the rest waitlisted --------------
    started = performance.now();
    const eventIds = (await admin.query<{ id: string }>(
      `insert into public.events (slug, name, description, starts_at, ends_at, location, capacity, published)
       select 'bench-lists-${tag}-' || e, 'Bench listening night ' || e, 'A bench event.', now() + e * interval '1 day',
              now() + e * interval '1 day' + interval '2 hours', 'Bench Hall', 100 + (e % 5) * 50, true
         from generate_series(1, ${eventCount}) e returning id`)).rows.map((row) => row.id);
    // Member m of a tier enrolls in `events` consecutive events starting at m (mod 400): distinct.
    let first = 0;
    let remaining = enrollmentCount;
    const tierSlices: string[] = [];
    for (const tier of tiers) {
      const rows = Math.min(remaining, tier.users * tier.events);
      tierSlices.push(`select ${first} + (r / ${tier.events}) as member, (r / ${tier.events} + r % ${tier.events}) % ${eventCount} as event
                         from generate_series(0, ${rows - 1}) r`);
      remaining -= rows;
      first += tier.users;
    }
    const waitlistBase = Number((await admin.query<{ base: string }>(
      `select setval('private.enrollment_waitlist_seq', nextval('private.enrollment_waitlist_seq') + ${enrollmentCount + 1}) - ${enrollmentCount} as base`)).rows[0].base);
    await loader.query(
      `with wanted as (
         select w.member, w.event, now() - interval '60 days' * ((w.member * 31 + w.event * 7) % 10007) / 10007.0 as created_at
           from (${tierSlices.join(' union all ')}) w
       ), ranked as (
         select w.*, ev.id as event_id, ev.capacity,
                row_number() over (partition by w.event order by w.created_at, w.member) as arrival,
                row_number() over (order by w.created_at, w.member) as global_arrival
           from wanted w join unnest($2::uuid[]) with ordinality as ev_ids(id, n) on ev_ids.n = w.event + 1
           join public.events ev on ev.id = ev_ids.id
       ), made as (
         insert into public.enrollments (id, event_id, user_id, status, waitlist_position, payment_status, approved_at, created_at, updated_at)
         select extensions.gen_random_uuid(), r.event_id, ($1::uuid[])[1 + r.member],
                (case when r.arrival > r.capacity then 'waitlisted' when r.arrival % 3 = 0 then 'approved' else 'pending' end)::public.enrollment_status,
                case when r.arrival > r.capacity then ${waitlistBase} + r.global_arrival end,
                'not_required', case when r.arrival <= r.capacity and r.arrival % 3 = 0 then r.created_at + interval '1 day' end,
                r.created_at, r.created_at
           from ranked r
         returning id, event_id, user_id, status, approved_at
       )
       insert into public.coupons (code, enrollment_id, event_id, user_id, issued_at)
       select private.generate_coupon_code(), m.id, m.event_id, m.user_id, m.approved_at from made m where m.status = 'approved'`,
      [userIds, eventIds],
    );
    await loader.query(
      `update public.events e set seats_taken = s.taken
         from (select event_id, count(*) filter (where status in ('pending', 'approved'))::int as taken
                 from public.enrollments where event_id = any($1::uuid[]) group by event_id) s
        where e.id = s.event_id`,
      [eventIds],
    );
    const enrollmentsSeconds = seconds(started);
    await loader.query('reset session_replication_role');

    // The restore skipped the foreign-key triggers: check them (and the seats) by query instead.
    const problems = (await admin.query<{ invariant: string; subject: string; detail: string }>(
      `select 'order item has its order' as invariant, i.id::text as subject, '' as detail
         from public.order_items i left join public.orders o on o.id = i.order_id where o.id is null
       union all
       select 'order owner exists', o.order_number, '' from public.orders o left join auth.users u on u.id = o.user_id
        where o.user_id is not null and u.id is null
       union all
       select 'seats_taken = pending + approved', e.slug, format('%s vs %s', e.seats_taken, count(en.*) filter (where en.status in ('pending','approved')))
         from public.events e left join public.enrollments en on en.event_id = e.id
        group by e.id having e.seats_taken <> count(en.*) filter (where en.status in ('pending','approved'))`,
    )).rows;

    started = performance.now();
    await admin.query('vacuum analyze public.orders, public.order_items, public.enrollments, public.coupons, public.events, public.profiles');
    const vacuumSeconds = seconds(started);
    const counts = (await admin.query<{ orders: string; items: string; enrollments: string }>(
      `select (select count(*) from public.orders) as orders, (select count(*) from public.order_items) as items,
              (select count(*) from public.enrollments) as enrollments`)).rows[0];

    // ----- through the API --------------------------------------------------------------------
    const samples = [
      { label: 'heavy', index: 0 },
      { label: 'regular', index: 10 },
      { label: 'light', index: 1010 },
    ];
    const requestTimes = new Map<string, number[]>();
    const lastUrls = new Map<string, URL>();
    const timings: ListTiming[] = [];
    const plans: { name: string; plan: string }[] = [];
    for (const sample of samples) {
      const userId = userIds[sample.index];
      const now = Math.floor(Date.now() / 1000);
      const token = await signAccessToken(
        { sub: userId, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 3600, session_id: crypto.randomUUID() }, keys);
      const timedFetch: typeof fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const name = url.pathname.replace('/rest/v1/', '');
        const t0 = performance.now();
        const response = await fetch(input, init);
        const body = await response.arrayBuffer();
        const list = requestTimes.get(`${sample.label}:${name}`) ?? [];
        list.push(performance.now() - t0);
        requestTimes.set(`${sample.label}:${name}`, list);
        lastUrls.set(`${sample.label}:${name}`, url);
        return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
      };
      const supabase = createClient<Database>(env.SUPABASE_URL, env.SUPABASE_PUBLISHABLE_KEY, {
        global: { headers: { Authorization: `Bearer ${token}` }, fetch: timedFetch },
        auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
        realtime: { transport: (globalThis.WebSocket ?? RealtimeUnused) as unknown as WebSocketLikeConstructor },
      });
      const measure = async (list: string, call: () => Promise<number>) => {
        for (let run = 0; run < 10; run += 1) await call(); // warm-up
        for (const key of [...requestTimes.keys()]) if (key.startsWith(`${sample.label}:`)) requestTimes.delete(key);
        const whole: number[] = [];
        let rows = 0;
        for (let run = 0; run < runsPerUser; run += 1) {
          const t0 = performance.now();
          rows = await call();
          whole.push(performance.now() - t0);
        }
        whole.sort((a, b) => a - b);
        timings.push({ list, user: sample.label, rows, runs: runsPerUser, p50Ms: Number(percentile(whole, 50).toFixed(2)), p95Ms: Number(percentile(whole, 95).toFixed(2)) });
        for (const [key, times] of requestTimes) {
          if (!key.startsWith(`${sample.label}:`)) continue;
          times.sort((a, b) => a - b);
          timings.push({ list: `  request ${key.split(':')[1]}`, user: sample.label, rows: 0, runs: times.length,
            p50Ms: Number(percentile(times, 50).toFixed(2)), p95Ms: Number(percentile(times, 95).toFixed(2)) });
        }
        requestTimes.clear();
      };
      await measure('list my orders (listOrders: 3 requests)', async () => (await listOrders(supabase, userId, 'en')).length);
      await measure('my enrollments (listMyEnrollments: 1 request)', async () => (await listMyEnrollments(supabase)).length);
      if (sample.label === 'heavy' || sample.label === 'light') plans.push(...(await explainAsUser(profile, userId, sample.label, lastUrls)));
      lastUrls.clear();
    }

    problems.push(...(await admin.query<{ invariant: string; subject: string; detail: string }>(
      'select * from admin.integrity_problems()')).rows);
    const result: MyListsBenchResult = {
      orders: Number(counts.orders), orderItems: Number(counts.items), enrollments: Number(counts.enrollments),
      seedSeconds: { users: usersSeconds, orders: ordersSeconds, enrollments: enrollmentsSeconds, vacuum: vacuumSeconds },
      timings, plans, problems,
    };
    printMyListsBench(result);
    return result;
  } finally {
    // Clean-up like the load: items, orders, coupons, enrollments without per-row triggers
    // (nothing to mail or audit), then the events and members through the normal path.
    const cleanUp = async () => {
      await loader.query('set session_replication_role = replica');
      await loader.query(`delete from public.order_items where order_id in (select id from public.orders where user_id = any($1::uuid[]))`, [userIds]);
      await loader.query(`delete from public.orders where user_id = any($1::uuid[])`, [userIds]);
      await loader.query(`delete from public.coupons where user_id = any($1::uuid[])`, [userIds]);
      await loader.query(`delete from public.enrollments where user_id = any($1::uuid[])`, [userIds]);
      await loader.query(`delete from public.events where slug like $1`, [`bench-lists-${tag}-%`]);
      await loader.query('reset session_replication_role');
      await admin.query(`delete from auth.users where id = any($1::uuid[])`, [userIds]);
    };
    const cleanStarted = performance.now();
    await cleanUp().catch((error: unknown) => console.error('My lists clean-up failed:', error));
    console.log(`My lists clean-up: ${seconds(cleanStarted)} s`);
    await loader.end();
    await admin.end();
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the statements the stand-in builds for the URLs, as the user. */
async function explainAsUser(profile: StackProfile, userId: string, label: string, urls: Map<string, URL>): Promise<{ name: string; plan: string }[]> {
  const client = new pg.Client({ connectionString: databaseUrl(profile, 'authenticator') });
  await client.connect();
  const plans: { name: string; plan: string }[] = [];
  try {
    const store = new SchemaCacheStore();
    const cache = await store.refresh(client as unknown as pg.PoolClient, 'public', 'bench');
    for (const [key, url] of urls) {
      const relationName = key.split(':')[1];
      const relation = cache.relations.get(relationName);
      if (!relation) continue;
      const params = parseReadParams(url.searchParams);
      const reader = new ReadBuilder(cache, new SqlParams(), params.nodes);
      const sql = reader.build({ label: relation.name, relation: relation.name, columns: relation.columns }, params, {
        from: `"public"."${relation.name}" as t0`, ctes: [], maxRows: 1000, countExact: false, singleObject: false, responseGucs: true,
      });
      await client.query('begin isolation level read committed read only');
      await client.query(
        `select set_config('search_path', '"public", "extensions"', true), set_config('role', 'authenticated', true),
                set_config('request.jwt.claims', $1, true)`,
        [JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' })],
      );
      const explained = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql}`, reader.params.values);
      await client.query('rollback');
      plans.push({ name: `${label} user: GET ${url.pathname}?${decodeURIComponent(url.searchParams.toString())}`,
        plan: explained.rows.map((row) => row['QUERY PLAN']).join('\n') });
    }
  } finally {
    await client.end();
  }
  return plans;
}

export function printMyListsBench(result: MyListsBenchResult): void {
  const s = result.seedSeconds;
  console.log(`\nMy lists: ${result.orders.toLocaleString('en')} orders (${result.orderItems.toLocaleString('en')} items), ` +
    `${result.enrollments.toLocaleString('en')} enrollments in the tables; seed: members ${s.users} s, orders ${s.orders} s, ` +
    `enrollments ${s.enrollments} s, vacuum analyze ${s.vacuum} s`);
  console.log('Through the API (supabase-js → stand-in over HTTP, user JWT, RLS on), after a warm-up; aim p95 < 5 ms per request');
  console.table(result.timings.map((t) => ({ list: t.list, user: t.user, rows: t.rows || '', runs: t.runs, 'p50 ms': t.p50Ms, 'p95 ms': t.p95Ms })));
  for (const plan of result.plans) console.log(`\n${plan.name}\n${plan.plan}`);
  if (result.problems.length === 0) console.log('\nMy lists check: foreign keys, seats and admin.integrity_problems() found nothing wrong.');
  else {
    console.log(`\nMY LISTS CHECK FAILED: ${result.problems.length} problem(s):`);
    console.table(result.problems.slice(0, 20));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const profile = profileFromArgs(process.argv);
  runMyListsBench(profile).then((result) => {
    if (result.problems.length > 0) process.exitCode = 1;
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  });
}

// Stock-hold benchmark: the project's reserve_stock against two baselines that implement the
// same contract. ("List my orders" moved to scripts/bench/my-lists.ts, at 1M orders.)
//
//   naive       read stock − Σ unexpired holds of others, then upsert, no lock: oversells
//   for_update  SELECT … FOR UPDATE the product, Σ unexpired holds of others in a new
//               statement, then upsert: correct, the textbook lock-then-check
//   write_floor the same upsert/delete of the caller's hold with no availability check at all:
//               wrong on purpose (it oversells); it is the ceiling, the cheapest durable write a
//               hold can be, so "floor ÷ FOR UPDATE" bounds what any correct design can reach here
//   ours        public.reserve_stock (reserved counter gated by one conditional UPDATE)
// All three commit durably (the server's synchronous_commit, on for the bench stack): every
// acknowledged hold survives a crash (docs/decisions/002), so this is the like-for-like race.
//
// Fairness: the baselines live in a throwaway schema (bench_holds_<hex>, dropped at the end)
// with a holds table shaped like public.stock_reservations (same keys, foreign keys, check and
// index) and functions with the same checks (signed in, quantity range, product exists), the
// same clock (private.now()), the same per-shopper limit (app_settings) and the same return
// type (public.stock_hold, with available).
// Every variant is called by the same client code: one API-shaped transaction per operation,
// BEGIN; SET LOCAL ROLE authenticated; set request.jwt.claims; select … ; COMMIT sent as ONE
// simple-query round trip, as PostgREST runs an RPC. Each client is its own user and sets its
// hold to a random 0-3 units (0 removes it): the hot product (stock 24, 16 clients wanting up
// to 48) sits at its sell-out edge, so refusals (PT409) happen. Before each cell the holds are
// cleared and the tables vacuumed, then a warm-up (not measured), then a fixed duration.
// Oversold, the same query for all: Σ over products of max(0, unexpired holds − stock).
// Final check: admin.integrity_problems(), the invariants query pgTAP and the checkout race
// test run too, over everything the bench wrote (holds and counters).
//
// Run alone: npx tsx scripts/bench/stock-holds.ts [--profile=…]   (BENCH_CELL_SECONDS=3)
import crypto from 'node:crypto';
import pg from 'pg';
import { databaseUrl, profileFromArgs } from '../lib/profile.ts';

const cellSeconds = Number(process.env.BENCH_CELL_SECONDS ?? 3);
const warmUpSeconds = Math.min(1, cellSeconds / 3);
const clientCounts = [1, 16];
const manyProducts = 500;
const variants = ['naive', 'for_update', 'write_floor', 'ours'] as const;
const scenarios = ['hot product', 'many products'] as const;

type Variant = (typeof variants)[number];
type Scenario = (typeof scenarios)[number];

export interface StockHoldCell {
  variant: Variant;
  scenario: Scenario;
  clients: number;
  operations: number;
  refused: number;
  errors: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  oversold: number;
}

export interface StockHoldBenchResult {
  cellSeconds: number;
  cells: StockHoldCell[];
  ratios: { scenario: Scenario; clients: number; vsNaive: number; vsForUpdate: number; floorVsForUpdate: number }[];
  /** admin.integrity_problems() after the bench: each row a violated invariant (none expected). */
  integrityProblems: { invariant: string; subject: string; detail: string }[];
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
  return JSON.stringify({ sub: userId, role: 'authenticated', aud: 'authenticated' });
}

/** The two baselines: same contract as public.reserve_stock, different concurrency control. */
function baselineSchemaSql(schema: string): string {
  const checks = `
        if me is null then raise exception using errcode = 'PT401', message = 'not signed in'; end if;
        if qty is null or qty < 0 or qty > 1000 then raise exception using errcode = '22023', message = 'bad quantity'; end if;
        if qty > (select s.max_units_held_per_product from public.app_settings s) then
          raise exception using errcode = '22023', message = 'above the limit';
        end if;`;
  const write = `
        if qty = 0 then
          delete from ${schema}.holds h where h.user_id = me and h.product_id = product;
          return row(product, 0, null, greatest(left_over, 0))::public.stock_hold;
        end if;
        insert into ${schema}.holds as h (user_id, product_id, quantity, expires_at)
        values (me, product, qty, at_now + interval '30 minutes')
        on conflict (user_id, product_id) do update
          set quantity = excluded.quantity, expires_at = excluded.expires_at, updated_at = now();
        return row(product, qty, at_now + interval '30 minutes', left_over)::public.stock_hold;`;
  const refuse = `
        if qty > left_over then
          raise exception using errcode = 'PT409', message = format('Only %s left.', greatest(left_over, 0)),
            detail = format('available=%s', greatest(left_over, 0));
        end if;`;
  return `
    create schema ${schema};
    create table ${schema}.holds (
      user_id uuid not null references auth.users (id) on delete cascade,
      product_id uuid not null references public.products (id) on delete cascade,
      quantity integer not null check (quantity between 1 and 1000),
      expires_at timestamptz not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (user_id, product_id));
    create index on ${schema}.holds (product_id, expires_at);

    create function ${schema}.naive_reserve(product uuid, qty integer) returns public.stock_hold
    language plpgsql security definer set search_path = '' as $$
      declare me uuid := auth.uid(); at_now timestamptz := private.now(); left_over integer;
      begin${checks}
        select p.stock - coalesce((select sum(h.quantity)::integer from ${schema}.holds h
                                    where h.product_id = p.id and h.expires_at > at_now and h.user_id <> me), 0)
          into left_over from public.products p where p.id = product;
        if not found then raise exception using errcode = 'PT404', message = 'no such product'; end if;${refuse}${write}
      end $$;

    create function ${schema}.locked_reserve(product uuid, qty integer) returns public.stock_hold
    language plpgsql security definer set search_path = '' as $$
      declare me uuid := auth.uid(); at_now timestamptz := private.now(); on_shelf integer; left_over integer;
      begin${checks}
        select p.stock into on_shelf from public.products p where p.id = product for update;
        if not found then raise exception using errcode = 'PT404', message = 'no such product'; end if;
        -- A new statement, so a fresh snapshot after the lock wait.
        select on_shelf - coalesce(sum(h.quantity)::integer, 0) into left_over from ${schema}.holds h
         where h.product_id = product and h.expires_at > at_now and h.user_id <> me;${refuse}${write}
      end $$;

    -- No read, no lock, no check: only the write every hold needs (see the header).
    create function ${schema}.unchecked_reserve(product uuid, qty integer) returns public.stock_hold
    language plpgsql security definer set search_path = '' as $$
      declare me uuid := auth.uid(); at_now timestamptz := private.now(); left_over integer := 0;
      begin${write}
      end $$;

    grant usage on schema ${schema} to authenticated;
    grant execute on all functions in schema ${schema} to authenticated;`;
}

export async function runStockHoldBench(databaseUrlArg: string): Promise<StockHoldBenchResult> {
  const tag = crypto.randomBytes(4).toString('hex');
  const schema = `bench_holds_${tag}`;
  const admin = new pg.Client({ connectionString: databaseUrlArg });
  await admin.connect();
  const userIds = Array.from({ length: Math.max(...clientCounts) }, () => crypto.randomUUID());
  let categoryId = '';
  try {
    // ----- fixtures ---------------------------------------------------------------------------
    await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
         created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
       select '00000000-0000-0000-0000-000000000000', u, 'authenticated', 'authenticated', 'bench-' || u || '@bench.test', '',
              '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', ''
         from unnest($1::uuid[]) u`,
      [userIds],
    );
    categoryId = (await admin.query<{ id: string }>(
      `insert into public.categories (slug, name, position) values ($1, 'Bench', 99) returning id`, [`bench-${tag}`])).rows[0].id;
    // Hot product: 16 clients × up to 3 units want up to 48; 24 keeps it at the sell-out edge.
    const hotId = (await admin.query<{ id: string }>(
      `insert into public.products (slug, name, category_id, price, stock) values ($1, 'Bench hot', $2, 10, 24) returning id`,
      [`bench-${tag}-hot`, categoryId])).rows[0].id;
    const manyIds = (await admin.query<{ id: string }>(
      `insert into public.products (slug, name, category_id, price, stock)
       select $1 || '-' || g, 'Bench ' || g, $2, 10, 24 from generate_series(1, $3) g returning id`,
      [`bench-${tag}-many`, categoryId, manyProducts])).rows.map((row) => row.id);
    await admin.query(baselineSchemaSql(schema));

    const callee: Record<Variant, string> = {
      naive: `${schema}.naive_reserve`,
      for_update: `${schema}.locked_reserve`,
      write_floor: `${schema}.unchecked_reserve`,
      ours: 'public.reserve_stock',
    };
    const holdsTable = (variant: Variant) => (variant === 'ours' ? 'public.stock_reservations' : `${schema}.holds`);

    const oversold = async (variant: Variant): Promise<number> => {
      const { rows } = await admin.query<{ oversold: number }>(
        `select coalesce(sum(greatest(held - p.stock, 0)), 0)::int as oversold
           from (select h.product_id, sum(h.quantity) as held from ${holdsTable(variant)} h
                  where h.expires_at > private.now() and h.product_id = any($1::uuid[]) group by h.product_id) x
           join public.products p on p.id = x.product_id`,
        [[hotId, ...manyIds]],
      );
      return rows[0].oversold;
    };
    const resetState = async (): Promise<void> => {
      await admin.query(`delete from public.stock_reservations where user_id = any($1::uuid[])`, [userIds]);
      await admin.query(`delete from ${schema}.holds`);
      await admin.query(`vacuum (analyze) public.products, public.stock_reservations, ${schema}.holds`);
    };

    const apiUrl = withUser(databaseUrlArg, 'authenticator');
    const runCell = async (variant: Variant, scenario: Scenario, clients: number): Promise<StockHoldCell> => {
      await resetState();
      const connections = await Promise.all(
        Array.from({ length: clients }, async () => {
          const client = new pg.Client({ connectionString: apiUrl });
          await client.connect();
          return client;
        }),
      );
      let measuring = false;
      const latencies: number[] = [];
      let refused = 0;
      let errors = 0;
      const drive = (until: number) =>
        Promise.all(
          connections.map(async (client, index) => {
            const prefix = `begin; set local role authenticated; select set_config('request.jwt.claims', '${claims(userIds[index])}', true); `;
            while (performance.now() < until) {
              const product = scenario === 'hot product' ? hotId : manyIds[Math.floor(Math.random() * manyIds.length)];
              const quantity = Math.floor(Math.random() * 4);
              const started = performance.now();
              try {
                await client.query(`${prefix}select quantity from ${callee[variant]}('${product}'::uuid, ${quantity}); commit;`);
              } catch (error) {
                await client.query('rollback');
                if (measuring) {
                  if ((error as { code?: string }).code === 'PT409') refused += 1;
                  else errors += 1;
                }
              }
              if (measuring) latencies.push(performance.now() - started);
            }
          }),
        );
      await drive(performance.now() + warmUpSeconds * 1000);
      measuring = true;
      const started = performance.now();
      await drive(started + cellSeconds * 1000);
      const elapsed = (performance.now() - started) / 1000;
      await Promise.all(connections.map((client) => client.end()));
      latencies.sort((a, b) => a - b);
      return {
        variant, scenario, clients,
        operations: latencies.length, refused, errors,
        throughput: Math.round(latencies.length / elapsed),
        p50Ms: Number(percentile(latencies, 50).toFixed(2)),
        p99Ms: Number(percentile(latencies, 99).toFixed(2)),
        oversold: await oversold(variant),
      };
    };

    const cells: StockHoldCell[] = [];
    for (const scenario of scenarios) {
      for (const clients of clientCounts) {
        for (const variant of variants) cells.push(await runCell(variant, scenario, clients));
      }
    }
    await resetState();

    const ratios = scenarios.flatMap((scenario) =>
      clientCounts.map((clients) => {
        const find = (variant: Variant) => cells.find((c) => c.variant === variant && c.scenario === scenario && c.clients === clients)!;
        return {
          scenario, clients,
          vsNaive: Number((find('ours').throughput / Math.max(1, find('naive').throughput)).toFixed(2)),
          vsForUpdate: Number((find('ours').throughput / Math.max(1, find('for_update').throughput)).toFixed(2)),
          floorVsForUpdate: Number((find('write_floor').throughput / Math.max(1, find('for_update').throughput)).toFixed(2)),
        };
      }),
    );

    const integrityProblems = (await admin.query<{ invariant: string; subject: string; detail: string }>(
      'select * from admin.integrity_problems()')).rows;
    const result: StockHoldBenchResult = { cellSeconds, cells, ratios, integrityProblems };
    printStockHoldBench(result);
    return result;
  } finally {
    await admin.query(`delete from public.stock_reservations where user_id = any($1::uuid[])`, [userIds]).catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    if (categoryId) {
      await admin.query(`delete from public.products where category_id = $1`, [categoryId]).catch(() => undefined);
      await admin.query(`delete from public.categories where id = $1`, [categoryId]).catch(() => undefined);
    }
    await admin.query(`delete from auth.users where id = any($1::uuid[])`, [userIds]).catch(() => undefined);
    await admin.end();
  }
}

export function printStockHoldBench(result: StockHoldBenchResult): void {
  console.log(`\nStock holds (${result.cellSeconds} s per cell after a warm-up; each op = one API-shaped transaction, one round trip)`);
  console.table(
    result.cells.map((cell) => ({
      scenario: cell.scenario,
      clients: cell.clients,
      variant: cell.variant,
      'ops/s': cell.throughput,
      'p50 ms': cell.p50Ms,
      'p99 ms': cell.p99Ms,
      'refused (PT409)': cell.refused,
      errors: cell.errors,
      oversold: cell.oversold,
    })),
  );
  console.log('Ours ÷ baseline (throughput); the last column is the ceiling: the unchecked write ÷ FOR UPDATE');
  console.table(result.ratios.map((ratio) => ({
    scenario: ratio.scenario, clients: ratio.clients, 'vs naive': ratio.vsNaive, 'vs FOR UPDATE': ratio.vsForUpdate,
    'write floor ÷ FOR UPDATE': ratio.floorVsForUpdate,
  })));
  const oursOversold = result.cells.filter((cell) => cell.variant === 'ours').reduce((sum, cell) => sum + cell.oversold, 0);
  console.log(oursOversold === 0 ? 'Ours oversold 0 units in every cell.' : `OURS OVERSOLD ${oursOversold} UNITS: this is a bug.`);
  if (result.integrityProblems.length === 0) console.log('Final check: admin.integrity_problems() found nothing wrong.');
  else {
    console.log(`FINAL CHECK FAILED: ${result.integrityProblems.length} violated invariant(s):`);
    console.table(result.integrityProblems.slice(0, 20));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL_BENCH ?? databaseUrl(profileFromArgs(process.argv));
  runStockHoldBench(url).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

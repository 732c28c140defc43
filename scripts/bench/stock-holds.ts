// Stock-hold benchmark: the project's reserve_stock against two baselines in the same process
// and database, plus "list my orders" with 100k orders in the table.
//
//   baseline naive       read stock − Σ unexpired holds of others, then upsert (no lock): oversells
//   baseline for-update  SELECT … FOR UPDATE the product, then Σ holds in a new statement, then upsert
//   ours                 public.reserve_stock (reserved counter, one conditional UPDATE)
//
// Each operation is one API-shaped transaction on a connection as `authenticator`:
// BEGIN; SET LOCAL ROLE authenticated; set request.jwt.claims; call; COMMIT — sent as one
// simple-query round trip, as PostgREST would run it. Each client is its own user and sets its
// hold to a random 0-3 units (0 removes it), so the hot product sits at its sell-out edge and
// refusals (PT409) happen. Oversold = Σ max(0, unexpired holds − stock) after the cell.
//
// Baselines live in a throwaway schema (bench_holds_<hex>) dropped at the end; generated orders
// and users are deleted at the end too. Run alone: npx tsx scripts/bench/stock-holds.ts [--profile=…]
import crypto from 'node:crypto';
import pg from 'pg';
import { databaseUrl, profileFromArgs } from '../lib/profile.ts';

const cellSeconds = Number(process.env.BENCH_CELL_SECONDS ?? 3);
const clientCounts = [1, 16];
const manyProducts = 500;

type Variant = 'ours' | 'naive' | 'for_update';
type Scenario = 'hot product' | 'many products';

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
  cells: StockHoldCell[];
  ratios: { scenario: Scenario; clients: number; vsNaive: number; vsForUpdate: number }[];
  listMyOrders: { orders: number; p50Ms: number; p95Ms: number; rlsOnlyP95Ms: number; plan: string };
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

export async function runStockHoldBench(databaseUrlArg: string): Promise<StockHoldBenchResult> {
  const tag = crypto.randomBytes(4).toString('hex');
  const schema = `bench_holds_${tag}`;
  const admin = new pg.Client({ connectionString: databaseUrlArg });
  await admin.connect();
  const userIds = Array.from({ length: 16 }, () => crypto.randomUUID());
  const orderUserIds = Array.from({ length: 1000 }, () => crypto.randomUUID());
  let categoryId = '';
  try {
    // ----- fixtures ---------------------------------------------------------------------------
    await admin.query(
      `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data,
         created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change)
       select '00000000-0000-0000-0000-000000000000', u, 'authenticated', 'authenticated', 'bench-' || u || '@bench.test', '',
              '{"provider":"email","providers":["email"]}', '{}', now(), now(), '', '', '', ''
         from unnest($1::uuid[]) u`,
      [[...userIds, ...orderUserIds]],
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

    await admin.query(`
      create schema ${schema};
      create table ${schema}.holds (
        user_id uuid not null, product_id uuid not null, quantity integer not null, expires_at timestamptz not null,
        primary key (user_id, product_id));
      create index on ${schema}.holds (product_id, expires_at);

      create function ${schema}.naive_reserve(product uuid, qty integer) returns integer
      language plpgsql security definer set search_path = '' as $$
      declare me uuid := auth.uid(); left_over integer;
      begin
        select p.stock - coalesce((select sum(h.quantity) from ${schema}.holds h
                                    where h.product_id = p.id and h.expires_at > now() and h.user_id <> me), 0)
          into left_over from public.products p where p.id = product;
        if qty > left_over then raise exception using errcode = 'PT409', message = 'not enough stock'; end if;
        if qty = 0 then delete from ${schema}.holds h where h.user_id = me and h.product_id = product; return 0; end if;
        insert into ${schema}.holds values (me, product, qty, now() + interval '30 minutes')
          on conflict (user_id, product_id) do update set quantity = excluded.quantity, expires_at = excluded.expires_at;
        return qty;
      end $$;

      create function ${schema}.locked_reserve(product uuid, qty integer) returns integer
      language plpgsql security definer set search_path = '' as $$
      declare me uuid := auth.uid(); on_shelf integer; held integer;
      begin
        select p.stock into on_shelf from public.products p where p.id = product for update;
        select coalesce(sum(h.quantity), 0) into held from ${schema}.holds h
         where h.product_id = product and h.expires_at > now() and h.user_id <> me;
        if qty > on_shelf - held then raise exception using errcode = 'PT409', message = 'not enough stock'; end if;
        if qty = 0 then delete from ${schema}.holds h where h.user_id = me and h.product_id = product; return 0; end if;
        insert into ${schema}.holds values (me, product, qty, now() + interval '30 minutes')
          on conflict (user_id, product_id) do update set quantity = excluded.quantity, expires_at = excluded.expires_at;
        return qty;
      end $$;

      grant usage on schema ${schema} to authenticated;
      grant execute on all functions in schema ${schema} to authenticated;
    `);

    const call: Record<Variant, string> = {
      ours: 'select quantity from public.reserve_stock',
      naive: `select ${schema}.naive_reserve`,
      for_update: `select ${schema}.locked_reserve`,
    };

    const oversold = async (variant: Variant): Promise<number> => {
      const table = variant === 'ours' ? 'public.stock_reservations' : `${schema}.holds`;
      const { rows } = await admin.query<{ oversold: number }>(
        `select coalesce(sum(greatest(held - p.stock, 0)), 0)::int as oversold
           from (select h.product_id, sum(h.quantity) as held from ${table} h
                  where h.expires_at > now() and h.product_id = any($1::uuid[]) group by h.product_id) x
           join public.products p on p.id = x.product_id`,
        [[hotId, ...manyIds]],
      );
      return rows[0].oversold;
    };
    const clearHolds = async (): Promise<void> => {
      await admin.query(`delete from public.stock_reservations where user_id = any($1::uuid[])`, [userIds]);
      await admin.query(`delete from ${schema}.holds`);
    };

    const apiUrl = withUser(databaseUrlArg, 'authenticator');
    const runCell = async (variant: Variant, scenario: Scenario, clients: number): Promise<StockHoldCell> => {
      await clearHolds();
      const connections = await Promise.all(
        Array.from({ length: clients }, async () => {
          const client = new pg.Client({ connectionString: apiUrl });
          await client.connect();
          return client;
        }),
      );
      const latencies: number[] = [];
      let refused = 0;
      let errors = 0;
      const deadline = performance.now() + cellSeconds * 1000;
      await Promise.all(
        connections.map(async (client, index) => {
          const prefix = `begin; set local role authenticated; select set_config('request.jwt.claims', '${claims(userIds[index])}', true); `;
          while (performance.now() < deadline) {
            const product = scenario === 'hot product' ? hotId : manyIds[Math.floor(Math.random() * manyIds.length)];
            const quantity = Math.floor(Math.random() * 4);
            const started = performance.now();
            try {
              await client.query(`${prefix}${call[variant]}('${product}'::uuid, ${quantity}); commit;`);
            } catch (error) {
              await client.query('rollback');
              if ((error as { code?: string }).code === 'PT409') refused += 1;
              else errors += 1;
            }
            latencies.push(performance.now() - started);
          }
        }),
      );
      await Promise.all(connections.map((client) => client.end()));
      latencies.sort((a, b) => a - b);
      const cell: StockHoldCell = {
        variant, scenario, clients,
        operations: latencies.length, refused, errors,
        throughput: Math.round(latencies.length / cellSeconds),
        p50Ms: Number(percentile(latencies, 50).toFixed(2)),
        p99Ms: Number(percentile(latencies, 99).toFixed(2)),
        oversold: await oversold(variant),
      };
      return cell;
    };

    const cells: StockHoldCell[] = [];
    for (const scenario of ['hot product', 'many products'] as Scenario[]) {
      for (const clients of clientCounts) {
        for (const variant of ['naive', 'for_update', 'ours'] as Variant[]) {
          cells.push(await runCell(variant, scenario, clients));
        }
      }
    }
    await clearHolds();

    const ratios = (['hot product', 'many products'] as Scenario[]).flatMap((scenario) =>
      clientCounts.map((clients) => {
        const find = (variant: Variant) => cells.find((c) => c.variant === variant && c.scenario === scenario && c.clients === clients)!;
        return {
          scenario, clients,
          vsNaive: Number((find('ours').throughput / Math.max(1, find('naive').throughput)).toFixed(2)),
          vsForUpdate: Number((find('ours').throughput / Math.max(1, find('for_update').throughput)).toFixed(2)),
        };
      }),
    );

    // ----- list my orders with 100k orders ----------------------------------------------------
    const orderCount = 100_000;
    await admin.query(
      `insert into public.orders (order_number, user_id, idempotency_key, customer_name, customer_email, shipping_address,
         shipping_zip, shipping_city, shipping_country, payment_method, subtotal, shipping, vat, discount, grand_total, created_at)
       select 'BENCH-${tag}-' || g, ($1::uuid[])[1 + g % 1000], 'bench-${tag}-' || g, 'Bench Buyer', 'bench@example.com',
              '1 Bench St', '10001', 'Bench City', 'Benchland', 'cash', 100.00, 50.00, 16.67, 0, 150.00,
              now() - g * interval '1 minute'
         from generate_series(1, ${orderCount}) g`,
      [orderUserIds],
    );
    await admin.query('analyze public.orders');
    const me = orderUserIds[7];
    const lister = new pg.Client({ connectionString: apiUrl });
    await lister.connect();
    const prefix = `begin; set local role authenticated; select set_config('request.jwt.claims', '${claims(me)}', true); `;
    // The app's query: from('orders').select('id, order_number, status, grand_total, created_at')
    //   .eq('user_id', user.id).order('created_at', { ascending: false }).limit(20)
    const appQuery = `select id, order_number, status, grand_total, created_at from public.orders
                       where user_id = '${me}' order by created_at desc limit 20`;
    const rlsOnlyQuery = `select id, order_number, status, grand_total, created_at from public.orders
                           order by created_at desc limit 20`;
    const time = async (query: string, runs: number): Promise<number[]> => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        await lister.query(`${prefix}${query}; commit;`);
        samples.push(performance.now() - started);
      }
      return samples.sort((a, b) => a - b);
    };
    await time(appQuery, 20);
    const appSamples = await time(appQuery, 300);
    const rlsSamples = await time(rlsOnlyQuery, 50);
    const planRows = await lister.query(`${prefix}explain ${appQuery}; commit;`);
    const planResult = (Array.isArray(planRows) ? planRows[3] : planRows) as pg.QueryResult<{ 'QUERY PLAN': string }>;
    await lister.end();
    const listMyOrders = {
      orders: orderCount,
      p50Ms: Number(percentile(appSamples, 50).toFixed(2)),
      p95Ms: Number(percentile(appSamples, 95).toFixed(2)),
      rlsOnlyP95Ms: Number(percentile(rlsSamples, 95).toFixed(2)),
      plan: planResult.rows.map((row) => row['QUERY PLAN']).join('\n'),
    };

    const result: StockHoldBenchResult = { cells, ratios, listMyOrders };
    printStockHoldBench(result);
    return result;
  } finally {
    await admin.query(`delete from public.orders where idempotency_key like $1`, [`bench-${tag}-%`]).catch(() => undefined);
    await admin.query(`delete from public.stock_reservations where user_id = any($1::uuid[])`, [userIds]).catch(() => undefined);
    await admin.query(`drop schema if exists ${schema} cascade`).catch(() => undefined);
    if (categoryId) {
      await admin.query(`delete from public.products where category_id = $1`, [categoryId]).catch(() => undefined);
      await admin.query(`delete from public.categories where id = $1`, [categoryId]).catch(() => undefined);
    }
    await admin.query(`delete from auth.users where id = any($1::uuid[])`, [[...userIds, ...orderUserIds]]).catch(() => undefined);
    await admin.end();
  }
}

export function printStockHoldBench(result: StockHoldBenchResult): void {
  console.log(`\nStock holds (${cellSeconds} s per cell; each op = one API-shaped transaction)`);
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
  console.log('Ours ÷ baseline (throughput)');
  console.table(result.ratios.map((ratio) => ({
    scenario: ratio.scenario, clients: ratio.clients, 'vs naive': ratio.vsNaive, 'vs FOR UPDATE': ratio.vsForUpdate,
  })));
  const list = result.listMyOrders;
  console.log(`List my orders (${list.orders.toLocaleString('en')} orders; owner's newest 20 with .eq('user_id')): ` +
    `p50 ${list.p50Ms} ms, p95 ${list.p95Ms} ms (aim < 20 ms); RLS-only filter p95 ${list.rlsOnlyP95Ms} ms`);
  console.log(list.plan);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL_BENCH ?? databaseUrl(profileFromArgs(process.argv));
  runStockHoldBench(url).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

// /rest/v1 cases where the stand-in answered differently from PostgREST 12/13 (issue #17, item 4,
// second part): overloaded functions and unnamed parameters (Plan.hs findProc), computed fields
// and computed relationships, the `count` embed shorthand, and self-referencing embeds
// (Plan.hs findRel). Each is answered now as PostgREST answers it, errors included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, env, restFetch, serviceClient } from './rest-fixtures.ts';

const supabase = serviceClient();

const fixtureSql = `
create table public.extras_customers (
  id bigint primary key,
  first_name text not null,
  last_name text not null
);
create table public.extras_orders (
  id bigint primary key,
  customer_id bigint not null references public.extras_customers (id),
  total numeric(10, 2) not null
);
-- One foreign key to itself: a folder tree.
create table public.extras_folders (
  id bigint primary key,
  name text not null,
  parent_id bigint references public.extras_folders (id)
);
-- Two foreign keys to itself: embedding by the table's name is ambiguous.
create table public.extras_staff (
  id bigint primary key,
  name text not null,
  manager_id bigint references public.extras_staff (id),
  mentor_id bigint references public.extras_staff (id)
);
grant select on public.extras_customers, public.extras_orders, public.extras_folders, public.extras_staff to service_role;

-- Overloads told apart by their parameter names.
create function public.extras_area(width integer, height integer) returns integer
  language sql immutable as $$ select width * height $$;
create function public.extras_area(radius integer) returns integer
  language sql immutable as $$ select 3 * radius * radius $$;
-- Overloads one argument matches both of.
create function public.extras_pick(a integer) returns text language sql immutable as $$ select 'one' $$;
create function public.extras_pick(a integer, b integer default 2) returns text language sql immutable as $$ select 'two' $$;
-- Unnamed parameters: not callable unless one json/jsonb (or text, bytea, xml) parameter alone.
create function public.extras_positional(integer, integer) returns integer language sql immutable as $$ select $1 + $2 $$;
create function public.extras_payload(json) returns json language sql immutable as $$ select $1 $$;
create function public.extras_named_json(payload jsonb) returns jsonb language sql immutable as $$ select payload $$;
create function public.extras_shout(text) returns text language sql immutable as $$ select upper($1) $$;
create function public.extras_size(bytea) returns integer language sql immutable as $$ select length($1) $$;

-- A computed field and computed relationships (to-many, to-one by rows 1, to-one by returning one row).
create function public.extras_full_name(public.extras_customers) returns text
  language sql stable as $$ select $1.first_name || ' ' || $1.last_name $$;
create function public.extras_big_orders(public.extras_customers) returns setof public.extras_orders
  language sql stable as $$ select * from public.extras_orders where customer_id = $1.id and total >= 100 $$;
create function public.extras_latest_order(public.extras_customers) returns setof public.extras_orders
  language sql stable rows 1 as $$ select * from public.extras_orders where customer_id = $1.id order by id desc limit 1 $$;
create function public.extras_buyer(public.extras_orders) returns public.extras_customers
  language sql stable as $$ select * from public.extras_customers where id = $1.customer_id $$;

do $$
declare fn regprocedure;
begin
  for fn in select oid::regprocedure from pg_proc where pronamespace = 'public'::regnamespace and proname like 'extras\\_%' loop
    execute format('grant execute on function %s to service_role', fn);
  end loop;
end
$$;

insert into public.extras_customers values (1, 'Ada', 'Lovelace'), (2, 'Alan', 'Turing'), (3, 'Grace', 'Hopper');
insert into public.extras_orders values (10, 1, 50), (11, 1, 150), (12, 1, 300), (13, 2, 120);
insert into public.extras_folders values (1, 'root', null), (2, 'music', 1), (3, 'photos', 1), (4, 'jazz', 2);
insert into public.extras_staff values (1, 'Boss', null, null), (2, 'Mia', 1, 1), (3, 'Noah', 1, 2);
`;

const dropSql = `
drop table if exists public.extras_orders, public.extras_customers, public.extras_folders, public.extras_staff cascade;
drop function if exists public.extras_area(integer, integer), public.extras_area(integer), public.extras_pick(integer),
  public.extras_pick(integer, integer), public.extras_positional, public.extras_payload, public.extras_named_json,
  public.extras_shout, public.extras_size;
`;

async function asPostgres(sql: string): Promise<void> {
  const client = database();
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(() => asPostgres(dropSql + fixtureSql));
afterAll(() => asPostgres(dropSql));

describe('overloaded functions and unnamed parameters (PostgREST Plan.hs findProc)', () => {
  it('calls the overload whose parameters the arguments name, on POST and GET', async () => {
    expect((await supabase.rpc('extras_area', { width: 2, height: 3 })).data).toBe(6);
    expect((await supabase.rpc('extras_area', { radius: 2 })).data).toBe(12);
    expect((await supabase.rpc('extras_area', { radius: 1 }, { get: true })).data).toBe(3);
    expect((await supabase.rpc('extras_pick', { a: 1, b: 5 })).data).toBe('two');
  });

  it('answers 300 PGRST203 when the arguments match two overloads', async () => {
    const { status, error } = await supabase.rpc('extras_pick', { a: 1 });
    expect(status).toBe(300);
    expect(error).toEqual({
      code: 'PGRST203',
      message: 'Could not choose the best candidate function between: public.extras_pick(a => integer), public.extras_pick(a => integer, b => integer)',
      details: null,
      hint: 'Try renaming the parameters or the function itself in the database so function overloading can be resolved',
    });
  });

  it('answers 404 PGRST202 with the closest parameter list when no overload matches', async () => {
    const { status, error } = await supabase.rpc('extras_area', { width: 2 });
    expect(status).toBe(404);
    expect(error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.extras_area(width) in the schema cache',
      details: 'Searched for the function public.extras_area with parameter width or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.extras_area(height, width)',
    });
    const get = await supabase.rpc('extras_area', { width: 2, depth: 3 }, { get: true });
    expect(get.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.extras_area(depth, width) in the schema cache',
      details: 'Searched for the function public.extras_area with parameters depth, width, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.extras_area(height, width)',
    });
  });

  it('leaves functions with unnamed parameters out, but for one json/jsonb parameter that takes the body', async () => {
    // Not in PostgREST's schema cache at all: the hint names the closest other function.
    const positional = await supabase.rpc('extras_positional', { a: 1, b: 2 });
    expect(positional.status).toBe(404);
    expect(positional.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.extras_positional(a, b) in the schema cache',
      details: 'Searched for the function public.extras_positional with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.extras_payload',
    });
    expect((await supabase.rpc('extras_payload', { any: ['shape'] })).data).toEqual({ any: ['shape'] });
    expect((await supabase.rpc('extras_named_json', { payload: { x: 1 } })).data).toEqual({ x: 1 });
    // A named json parameter is the fallback too, but then called with the keys that name it: none.
    const named = await supabase.rpc('extras_named_json', { other: 1 });
    expect(named.status).toBe(404);
    expect(named.error).toEqual({
      code: '42883',
      message: 'function public.extras_named_json() does not exist',
      details: null,
      hint: 'No function matches the given name and argument types. You might need to add explicit type casts.',
    });
  });
});

describe('whole text and binary bodies (PostgREST: one unnamed text, xml or bytea parameter)', () => {
  const post = (fn: string, contentType: string, body: BodyInit) =>
    restFetch(`/rpc/${fn}`, { method: 'POST', token: env.SUPABASE_SERVICE_ROLE_KEY, headers: { 'Content-Type': contentType }, body });

  it('passes a text/plain or application/octet-stream body whole to the one parameter of that type', async () => {
    const text = await post('extras_shout', 'text/plain', 'quiet, please');
    expect(text.status).toBe(200);
    expect(await text.json()).toBe('QUIET, PLEASE');
    const bytes = await post('extras_size', 'application/octet-stream', new Uint8Array([0, 255, 7]));
    expect(bytes.status).toBe(200);
    expect(await bytes.json()).toBe(3);
  });

  it('answers 404 PGRST202 without a parameter list or hint when no such function exists', async () => {
    const response = await post('extras_area', 'text/plain', '2');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.extras_area in the schema cache',
      details: 'Searched for the function public.extras_area with a single unnamed text parameter, but no matches were found in the schema cache.',
      hint: null,
    });
  });
});

describe('computed fields and computed relationships (PostgREST: fields are sent as alias.name)', () => {
  it('selects, filters and orders by a function of the row', async () => {
    const { data, error } = await supabase
      .from('extras_customers')
      .select('id, name:extras_full_name')
      .like('extras_full_name', 'A%')
      .order('extras_full_name', { ascending: false });
    expect(error).toBeNull();
    expect(data).toEqual([{ id: 2, name: 'Alan Turing' }, { id: 1, name: 'Ada Lovelace' }]);
  });

  it('embeds the rows a function returns for each row, to-many and to-one', async () => {
    const { data, error } = await supabase
      .from('extras_customers')
      .select('id, extras_big_orders(id), latest:extras_latest_order(total)')
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, extras_big_orders: [{ id: 11 }, { id: 12 }], latest: { total: 300 } },
      { id: 2, extras_big_orders: [{ id: 13 }], latest: { total: 120 } },
      { id: 3, extras_big_orders: [], latest: null },
    ]);
    const buyer = await supabase.from('extras_orders').select('id, extras_buyer(first_name)').eq('id', 13).single();
    expect(buyer.data).toEqual({ id: 13, extras_buyer: { first_name: 'Alan' } });
  });

  it('answers an unknown column with 42703 named after PostgREST\'s alias, an unknown table with PGRST205, an unknown embed with PGRST200', async () => {
    const column = await supabase.from('extras_customers').select('id, extras_orders(nope)');
    expect(column.status).toBe(400);
    expect(column.error).toEqual({ code: '42703', message: 'column extras_orders_1.nope does not exist', details: null, hint: null });
    // PostgreSQL's hint for a close name, as PostgREST passes it on (checked against PostgreSQL 15).
    const close = await supabase.from('extras_customers').select('id, extras_orders(totl)');
    expect(close.error).toEqual({
      code: '42703',
      message: 'column extras_orders_1.totl does not exist',
      details: null,
      hint: 'Perhaps you meant to reference the column "extras_orders_1.total".',
    });
    const root = await supabase.from('extras_customers').select('first_nme');
    expect(root.error?.hint).toBe('Perhaps you meant to reference the column "extras_customers.first_name".');
    const table = await supabase.from('extras_customer').select('id');
    expect(table.status).toBe(404);
    expect(table.error).toEqual({
      code: 'PGRST205',
      message: 'Could not find the table \'public.extras_customer\' in the schema cache',
      details: null,
      hint: 'Perhaps you meant the table \'public.extras_customers\'',
    });
    const embed = await supabase.from('extras_customers').select('id, extras_ordrs(id)');
    expect(embed.status).toBe(400);
    expect(embed.error).toEqual({
      code: 'PGRST200',
      message: 'Could not find a relationship between \'extras_customers\' and \'extras_ordrs\' in the schema cache',
      details: 'Searched for a foreign key relationship between \'extras_customers\' and \'extras_ordrs\' in the schema \'public\', but no matches were found.',
      hint: 'Perhaps you meant \'extras_orders\' instead of \'extras_ordrs\'.',
    });
  });
});

describe('the count embed shorthand (PostgreSQL reads orders_1.count as count(orders_1))', () => {
  it('answers [{"count": n}] per parent row, under the embed\'s name or an alias', async () => {
    const { data, error } = await supabase
      .from('extras_customers')
      .select('id, extras_orders(count), total:extras_orders(n:count)')
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { id: 1, extras_orders: [{ count: 3 }], total: [{ n: 3 }] },
      { id: 2, extras_orders: [{ count: 1 }], total: [{ n: 1 }] },
      { id: 3, extras_orders: [{ count: 0 }], total: [{ n: 0 }] },
    ]);
  });
});

describe('self-referencing embeds (PostgREST Plan.hs findRel, relIsSelf)', () => {
  it('embeds the children by the table\'s name and the parent by the foreign key column', async () => {
    const { data, error } = await supabase
      .from('extras_folders')
      .select('name, parent_id(name), extras_folders(name)')
      .in('id', [1, 2])
      .order('id')
      .order('id', { referencedTable: 'extras_folders' });
    expect(error).toBeNull();
    expect(data).toEqual([
      { name: 'root', parent_id: null, extras_folders: [{ name: 'music' }, { name: 'photos' }] },
      { name: 'music', parent_id: { name: 'root' }, extras_folders: [{ name: 'jazz' }] },
    ]);
  });

  it('answers 300 PGRST201 for two self foreign keys, and takes the column as the hint', async () => {
    const ambiguous = await supabase.from('extras_staff').select('name, extras_staff(name)');
    expect(ambiguous.status).toBe(300);
    expect(ambiguous.error).toEqual({
      code: 'PGRST201',
      message: 'Could not embed because more than one relationship was found for \'extras_staff\' and \'extras_staff\'',
      details: [
        {
          cardinality: 'one-to-many',
          embedding: 'extras_staff with extras_staff',
          relationship: 'extras_staff_manager_id_fkey using extras_staff(id) and extras_staff(manager_id)',
        },
        {
          cardinality: 'one-to-many',
          embedding: 'extras_staff with extras_staff',
          relationship: 'extras_staff_mentor_id_fkey using extras_staff(id) and extras_staff(mentor_id)',
        },
      ],
      hint: 'Try changing \'extras_staff\' to one of the following: \'extras_staff!extras_staff_manager_id_fkey\', \'extras_staff!extras_staff_mentor_id_fkey\'. Find the desired relationship in the \'details\' key.',
    });
    const { data, error } = await supabase
      .from('extras_staff')
      .select('name, manager:manager_id(name), mentees:extras_staff!mentor_id(name)')
      .order('id');
    expect(error).toBeNull();
    expect(data).toEqual([
      { name: 'Boss', manager: null, mentees: [{ name: 'Mia' }] },
      { name: 'Mia', manager: { name: 'Boss' }, mentees: [{ name: 'Noah' }] },
      { name: 'Noah', manager: { name: 'Boss' }, mentees: [] },
    ]);
  });
});

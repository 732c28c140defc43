-- =============================================================================================
-- Stock holds commit without waiting for the WAL flush; orders still wait for it.
--
-- Why: a hot product serialises on its row lock, and PostgreSQL releases that lock only after
-- the commit record is flushed to disk. So every hold on a hot product costs one disk flush
-- (0.3-3 ms on our machines, more under load) while the row stays locked, whatever the
-- statements cost: that flush, not the SQL, was the hot-product ceiling (and it is the same for
-- a FOR UPDATE design). With synchronous_commit off for the transaction, the commit record is
-- written to the WAL buffers, the lock is released at once, and the WAL writer flushes it
-- within 3 × wal_writer_delay (600 ms by default), batching many commits in one flush.
--
-- What it costs: if the server crashes, the holds acknowledged in the last fraction of a
-- second before the crash are lost, as if the shopper had not clicked yet. Nothing else:
--   * No inconsistency: WAL is replayed in order, so recovery ends at a commit boundary; the
--     products.reserved counter and the holds it sums are in the same transactions and are
--     lost together. Holds never exceed stock after recovery either.
--   * Anything durable that read a lost hold cannot survive it: a synchronous commit flushes
--     the WAL up to its own commit record, which includes every earlier asynchronous commit.
--   * Holds are soft state anyway (30 minutes, then they count for nothing).
-- PostgreSQL's documentation on asynchronous commit describes exactly this trade.
--
-- Scope: only transactions that call reserve_stock, through the API one RPC per transaction.
-- A SQL session could call reserve_stock and then write an order in the same transaction, so
-- any write to public.orders puts the transaction back to the server's configured
-- synchronous_commit (the checkout, cancellations and status changes always wait for the disk).
-- To undo this trade, drop this migration's effect: the 20261121000500 wrapper does not set it.
-- =============================================================================================

/**
 * rpc('reserve_stock', { product_id, quantity }): unchanged contract (see 20261121000410).
 * Also marks the transaction's commit as asynchronous (see the header of this migration).
 */
create or replace function public.reserve_stock(product_id uuid, quantity integer)
returns public.stock_hold
language plpgsql
security invoker
set search_path = ''
as $$
begin
  perform pg_catalog.set_config('synchronous_commit', 'off', true);
  return private.reserve_stock(reserve_stock.product_id, reserve_stock.quantity);
end;
$$;

comment on function public.reserve_stock(uuid, integer) is
  'Cart: set the caller''s hold on a product to quantity (0 removes) for 30 minutes. Returns {product_id, quantity, expires_at, available}. PT409 when not enough stock (detail available=N).';

/**
 * Trigger (statement level, orders): whatever ran earlier in the transaction (reserve_stock
 * turns synchronous_commit off), a transaction that writes orders commits with the server's
 * configured synchronous_commit, i.e. waits for the disk.
 */
create function private.orders_commit_durably()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  perform pg_catalog.set_config(
    'synchronous_commit',
    (select s.reset_val from pg_catalog.pg_settings s where s.name = 'synchronous_commit'),
    true);
  return null;
end;
$$;

comment on function private.orders_commit_durably() is
  'Trigger: a transaction that writes orders commits with the configured synchronous_commit, even after reserve_stock turned it off.';

revoke execute on function private.orders_commit_durably() from public;

create trigger orders_commit_durably
  before insert or update or delete on public.orders
  for each statement execute function private.orders_commit_durably();

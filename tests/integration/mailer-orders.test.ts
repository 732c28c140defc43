// Order mails end to end: a member checks out through supabase-js (as the app does) in Thai;
// the stack's mailer sends the confirmation to the address typed at checkout with the order
// number, the items, the total and a link to the order; an admin ships it with a tracking note
// (as in Studio) and the shipping mail follows with the note. Each mail exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailMessage } from '../../scripts/local-stack/api/mail.ts';
import { clientFor } from '../support/fixtures.ts';
import { stackEnv } from '../support/stack-env.ts';
import { createMembers, newTag, openPostgres } from './support/events-race.ts';
import { cleanUpMembers, resumeStackMailer, waitFor } from './support/mailer.ts';

const env = stackEnv();
const tag = newTag('mailorder');
const db = openPostgres();
const checkoutEmail = `${tag}-shipping@example.com`;
let categoryId = '';
let productId = '';

async function inbox(to: string): Promise<MailMessage[]> {
  return (await fetch(`${env.MAIL_URL}/api/messages?to=${encodeURIComponent(to)}`)).json() as Promise<MailMessage[]>;
}

beforeAll(async () => {
  await db.connect();
  await resumeStackMailer();
  categoryId = (await db.query<{ id: string }>(
    `insert into public.categories (slug, name, position) values ($1, $1, 99) returning id`, [tag])).rows[0].id;
  productId = (await db.query<{ id: string }>(
    `insert into public.products (slug, name, category_id, price, stock) values ($1, 'Mail Test Speaker', $2, 120, 10) returning id`,
    [tag, categoryId])).rows[0].id;
});

afterAll(async () => {
  await db.query('delete from public.orders where customer_email = $1', [checkoutEmail]);
  await cleanUpMembers(db, tag);
  await db.query('delete from public.products where category_id = $1', [categoryId]);
  await db.query('delete from public.categories where id = $1', [categoryId]);
  await db.end();
});

describe('order mails', () => {
  it('confirm a checkout and its shipping, in the shopper\'s language, to the checkout address', { timeout: 40_000 }, async () => {
    const [memberId] = await createMembers(db, tag, 1);
    await db.query(`update public.profiles set locale = 'th' where id = $1`, [memberId]);
    const supabase = await clientFor(memberId);
    const held = await supabase.rpc('reserve_stock', { product_id: productId, quantity: 2 });
    expect(held.error).toBeNull();
    const placed = await supabase.rpc('place_order', {
      idempotency_key: `${tag}-checkout`, customer_name: 'Somchai Test', customer_email: checkoutEmail, customer_phone: null,
      address: '1 Sukhumvit', zip: '10110', city: 'Bangkok', country: 'Thailand', payment_method: 'cash',
    }).single<{ id: string; order_number: string; grand_total: number }>();
    expect(placed.error).toBeNull();
    const order = placed.data!;

    await waitFor(async () => (await inbox(checkoutEmail)).length === 1, 15_000, 'the confirmation in the viewer');
    const [confirmation] = await inbox(checkoutEmail);
    expect(confirmation.kind).toBe('order_placed');
    expect(confirmation.subject).toBe(`ยืนยันคำสั่งซื้อ ${order.order_number} แล้ว`);
    expect(confirmation.text).toContain('2 × Mail Test Speaker');
    expect(confirmation.text).toContain('$240.00');
    expect(confirmation.links).toEqual([`${env.APP_URL}/th/orders/${order.id}`]);

    await db.query(`select public.set_order_status($1, 'processing', 'Packed')`, [order.id]);
    await db.query(`select public.set_order_status($1, 'shipped', 'Kerry Express TH0123456789')`, [order.id]);
    await waitFor(async () => (await inbox(checkoutEmail)).length === 2, 15_000, 'the shipping mail in the viewer');
    await new Promise((r) => setTimeout(r, 500));
    const mails = await inbox(checkoutEmail);
    expect(mails.map((mail) => mail.kind).sort()).toEqual(['order_placed', 'order_shipped']);
    const shipped = mails.find((mail) => mail.kind === 'order_shipped')!;
    expect(shipped.subject).toBe(`คำสั่งซื้อ ${order.order_number} กำลังจัดส่ง`);
    expect(shipped.text).toContain('Kerry Express TH0123456789');
    expect(shipped.html).toContain('Kerry Express TH0123456789');
  });
});

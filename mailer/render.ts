// Renders an outbox mail in the member's language: subject, plain text and HTML. Payload values
// come from the database (event names, locations, an operator's reason) and are escaped in the
// HTML, as is every message. Dates are written in the member's language and calendar (Buddhist
// era in Thai) in one time zone, Asia/Bangkok unless told otherwise (the events' venue zone),
// and the mail says which; fees are US dollars as in the store.
import i18next from 'i18next';
import { formatDateTime, formatMoney } from '../app/i18n/format.ts';
import { DEFAULT_LOCALE, toLocale, type Locale } from '../app/i18n/locales.ts';
import { MAIL_MESSAGES } from './messages.ts';
import type { ClaimedMail } from './outbox.ts';

export const DEFAULT_MAIL_TIME_ZONE = 'Asia/Bangkok';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(Object.entries(MAIL_MESSAGES).map(([locale, mail]) => [locale, { mail }])),
  fallbackLng: DEFAULT_LOCALE,
  ns: ['mail'],
  defaultNS: 'mail',
  initImmediate: false,
  // Messages are plain text; the HTML escapes whole lines (values included) below.
  interpolation: { escapeValue: false },
});

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

type MailT = (key: string, values?: Record<string, string>) => string;

interface Block {
  lines: string[];
  strong?: boolean;
}

export function renderMail(mail: Pick<ClaimedMail, 'kind' | 'locale' | 'payload'>, options: { appUrl: string; timeZone?: string }): RenderedMail {
  const locale: Locale = toLocale(mail.locale) ?? DEFAULT_LOCALE;
  // The app's i18next types (app/types/i18next.d.ts) know the page namespaces, not `mail`.
  const t = i18n.getFixedT(locale, 'mail' as never) as unknown as MailT;
  const zone = options.timeZone ?? DEFAULT_MAIL_TIME_ZONE;
  const p = mail.payload;
  const event = text(p.event_name);
  const base = options.appUrl.replace(/\/+$/, '');
  const eventUrl = `${base}/${locale}/events/${encodeURIComponent(text(p.event_slug))}`;
  const accountUrl = `${base}/${locale}/account/events`;
  const when = (withEnd: boolean): string[] => {
    if (!p.starts_at) return [];
    const start = formatDateTime(text(p.starts_at), locale, zone);
    return [withEnd && p.ends_at
      ? t('details.when', { start, end: formatDateTime(text(p.ends_at), locale, zone) })
      : t('details.whenStart', { start })];
  };
  const where = p.location ? [t('details.where', { location: text(p.location) })] : [];
  const zoneNote = p.starts_at ? [t('details.timeZone', { zone })] : [];

  let subject: string;
  const blocks: Block[] = [];
  if (mail.kind === 'enrollment_approved') {
    subject = t('approved.subject', { event });
    blocks.push({ lines: [t('approved.body', { event })] });
    blocks.push({ lines: [t('approved.coupon', { code: text(p.coupon_code) })], strong: true });
    blocks.push({ lines: [t('approved.couponHint')] });
    blocks.push({ lines: [...when(true), ...where, ...zoneNote] });
  } else if (mail.kind === 'enrollment_rejected') {
    subject = t('rejected.subject', { event });
    blocks.push({ lines: [t('rejected.body', { event })] });
    if (p.reason) blocks.push({ lines: [t('rejected.reason', { reason: text(p.reason) })] });
    blocks.push({ lines: [...when(false), ...zoneNote] });
  } else if (mail.kind === 'order_placed' || mail.kind === 'order_cancelled' || mail.kind === 'order_shipped') {
    return renderOrderMail(mail.kind, t, locale, p, base);
  } else if (mail.kind === 'password_reset') {
    // Auth writes and sends the recovery mail (mailer/recovery.ts); there is nothing to render.
    throw new Error('password_reset mails are sent by Auth, not rendered');
  } else {
    subject = t('promoted.subject', { event });
    blocks.push({ lines: [t('promoted.body', { event })] });
    const fee = Number(p.fee);
    if (p.fee != null && Number.isFinite(fee) && fee > 0) blocks.push({ lines: [t('promoted.fee', { fee: formatMoney(fee, locale) })] });
    blocks.push({ lines: [...when(true), ...where, ...zoneNote] });
  }
  const links = [
    { label: t('links.event'), url: eventUrl },
    { label: t('links.account'), url: accountUrl },
  ];
  return assemble(t, locale, subject, blocks, links, t('footer'));
}

type OrderMailKind = 'order_placed' | 'order_cancelled' | 'order_shipped';

/**
 * An order mail: what happened, the items and totals as ordered (names as they were bought,
 * the order page's snapshot), and the link to the order. The reason is the cancellation's or,
 * for shipping, the tracking note the store wrote.
 */
function renderOrderMail(kind: OrderMailKind, t: MailT, locale: Locale, p: Record<string, unknown>, base: string): RenderedMail {
  const number = text(p.order_number);
  const money = (value: unknown) => formatMoney(Number(value), locale);
  const section = kind === 'order_placed' ? 'orderPlaced' : kind === 'order_cancelled' ? 'orderCancelled' : 'orderShipped';
  const blocks: Block[] = [{ lines: [t(`${section}.body`, { number })] }];
  if (p.reason) {
    blocks.push({ lines: [t(kind === 'order_shipped' ? 'orderShipped.tracking' : 'orderCancelled.reason', { reason: text(p.reason) })], strong: kind === 'order_shipped' });
  }
  const items = Array.isArray(p.items) ? (p.items as Record<string, unknown>[]) : [];
  const itemLines = items.map((item) => t('order.item', { quantity: text(item.quantity), name: text(item.name), total: money(item.line_total) }));
  const more = Number(p.more_items);
  if (Number.isFinite(more) && more > 0) itemLines.push(t('order.moreItems', { more: String(more) }));
  blocks.push({ lines: [t('order.items'), ...itemLines] });
  const discount = Number(p.discount);
  blocks.push({
    lines: [
      t('order.subtotal', { amount: money(p.subtotal) }),
      t('order.shipping', { amount: money(p.shipping) }),
      ...(Number.isFinite(discount) && discount > 0 ? [t('order.discount', { amount: money(discount) })] : []),
      t('order.total', { amount: money(p.grand_total), vat: money(p.vat) }),
    ],
  });
  if (kind === 'order_placed') blocks.push({ lines: [t('orderPlaced.next')] });
  const orderUrl = `${base}/${locale}/orders/${encodeURIComponent(text(p.order_id))}`;
  return assemble(t, locale, t(`${section}.subject`, { number }), blocks, [{ label: t('links.order'), url: orderUrl }], t('order.footer'));
}

function assemble(t: MailT, locale: Locale, subject: string, blocks: Block[], links: { label: string; url: string }[], footer: string): RenderedMail {
  const filled = blocks.filter((block) => block.lines.length > 0);

  const plain = [
    t('greeting'),
    ...filled.map((block) => block.lines.join('\n')),
    links.map((link) => `${link.label}: ${link.url}`).join('\n'),
    `-- \n${footer}`,
  ].join('\n\n');

  const paragraphs = filled
    .map((block) => {
      const body = block.lines.map(escapeHtml).join('<br>');
      return block.strong ? `<p style="font-size:1.25em"><strong>${body}</strong></p>` : `<p>${body}</p>`;
    })
    .join('\n');
  const html = `<!doctype html>
<html lang="${escapeHtml(locale)}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="font-family:system-ui,sans-serif;line-height:1.5;color:#222">
<p>${escapeHtml(t('greeting'))}</p>
${paragraphs}
<p>${links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a>`).join('<br>')}</p>
<p style="color:#666;font-size:.9em">${escapeHtml(footer)}</p>
</body>
</html>
`;
  return { subject, text: plain, html };
}

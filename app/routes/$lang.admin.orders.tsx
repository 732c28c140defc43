// /admin/orders: orders across customers (filter by status, find by number or email), each
// movable along its status machine with a reason; shipping needs a tracking note (the
// customer reads it). The store's changes are recorded as the store's, never the customer's.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SelectField, StatusMessage } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat } from '~/i18n/use-locale';
import { isUuid } from '~/models/admin-events.server';
import { listAdminOrders, NEXT_ORDER_STATUSES, setOrderStatus, type OrderStatus } from '~/models/admin-shop.server';
import { reasonSchema } from '~/utils/admin-schemas';
import { requireAdmin } from '~/utils/admin.server';
import { readFormData } from '~/utils/form-data.server';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const STATUSES = Object.keys(NEXT_ORDER_STATUSES) as OrderStatus[];
const asStatus = (value: unknown): OrderStatus | null => STATUSES.find((status) => status === value) ?? null;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const url = new URL(request.url);
  const status = asStatus(url.searchParams.get('status'));
  const query = (url.searchParams.get('q') ?? '').slice(0, 200);
  const orders = await listAdminOrders(supabase, { status, query });
  return json({ orders, status, query, title: pageTitle(locale, fixedT(locale, 'admin')('orders.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'admin');
  const { supabase, headers } = await requireAdmin(request, locale);
  const formData = await readFormData(request, headers);
  const orderId = String(formData.get('orderId') ?? '');
  const status = asStatus(formData.get('status'));
  const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
  if (!isUuid(orderId) || !status) return json({ orderId, error: t('member.unknownIntent'), reasonError: null }, { status: 400, headers });
  if (!reason.success) return json({ orderId, error: null, reasonError: reason.error.issues[0].message }, { status: 400, headers });
  const result = await setOrderStatus(supabase, orderId, status, reason.data);
  if (!result.ok) {
    const code = httpStatusOf(result.error);
    if (code >= 500) console.error('set_order_status failed', result.error);
    return json({ orderId, error: describeRpcError(result.error, fixedT(locale, 'errors')), reasonError: null }, { status: code, headers });
  }
  const back = new URL(request.url);
  back.searchParams.set('done', `${result.data.order_number}:${result.data.status}`);
  return redirect(`${localizedPath(locale, '/admin/orders')}${back.search}`, { headers });
}

export default function AdminOrders() {
  const { orders, status, query } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('admin');
  const { t: cartT } = useTranslation('cart');
  const format = useFormat();
  const [doneNumber, doneStatus] = (searchParams.get('done') ?? '').split(':');
  const doneLabel = asStatus(doneStatus);
  return (
    <section className="container admin-page" aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      <p>{t('orders.lead')}</p>
      <StatusMessage>{doneNumber && doneLabel ? <p>{t('orders.done', { number: doneNumber, status: cartT(`orderStatus.${doneLabel}`) })}</p> : null}</StatusMessage>
      <Form method="get" className="admin-filter" role="search">
        <label htmlFor="order-query">{t('orders.query')}</label>
        <input id="order-query" name="q" type="search" defaultValue={query} maxLength={200} />
        <label htmlFor="order-status">{t('orders.status')}</label>
        <select id="order-status" name="status" defaultValue={status ?? ''}>
          <option value="">{t('orders.all')}</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {cartT(`orderStatus.${value}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button button--small">
          {t('orders.filter')}
        </button>
      </Form>
      {orders.length === 0 ? (
        <p>{t('orders.none')}</p>
      ) : (
        <ul className="admin-enrollments">
          {orders.map((order) => {
            const next = NEXT_ORDER_STATUSES[order.status];
            const reply = actionData?.orderId === order.id ? actionData : null;
            return (
              <li key={order.id} className="admin-enrollment" data-testid="admin-order" data-order={order.order_number}>
                <p>
                  <strong>{t('member.orderNumber', { number: order.order_number })}</strong> · {cartT(`orderStatus.${order.status}`)} · {order.customer_name} ({order.customer_email}) ·{' '}
                  {format.money(order.grand_total)} · {format.dateTime(order.created_at, 'dateTime')}
                </p>
                <FormErrors errors={reply?.error ? [reply.error] : []} />
                {next.length === 0 ? (
                  <p className="muted">{t('orders.final')}</p>
                ) : (
                  <details open={Boolean(reply)}>
                    <summary>{t('orders.change')}</summary>
                    <Form method="post" className="admin-form">
                      <input type="hidden" name="orderId" value={order.id} />
                      <SelectField
                        label={t('orders.to')}
                        selectProps={{ name: 'status', id: `status-${order.id}` }}
                        options={next.map((value) => ({ value, label: cartT(`orderStatus.${value}`) }))}
                      />
                      <Field
                        label={t('orders.note')}
                        hint={t('orders.noteHint')}
                        inputProps={{ name: 'reason', id: `note-${order.id}`, required: true, maxLength: 1000 }}
                        errors={reply?.reasonError ? [reply.reasonError] : undefined}
                      />
                      <button type="submit" className="button button--small">
                        {t('orders.save')}
                      </button>
                    </Form>
                  </details>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// /orders/<id>: one order (confirmation after checkout, and later its status), with the item
// snapshots taken at checkout, the totals the database computed and the history. The owner can
// cancel while it is pending.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { OrderTotals } from '~/components/cart/order-totals';
import { describeOrderEvent, OrderDate, OrderStatusBadge } from '~/components/cart/order-status';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { toCents } from '~/utils/money';
import { countryName } from '~/utils/checkout-rules';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { SubmitButton, useIsSubmitting } from '~/components/forms';
import cartStylesHref from '~/styles/cart.css';
import type { NavigationFocusHandle } from '~/components/navigation-focus';
import {
  fixedT,
  pageTitle,
  pageLocale,
  cancelOrder,
  getOrderDetails,
  getSignedInUser,
  readFormData,
} from '~/server-deps/order-page.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

// A missing order's 404 carries its translated title.
export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) =>
  titleMeta(data?.title ?? (isRouteErrorResponse(error) ? (error.data as { title?: string } | null)?.title : undefined), matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'cart');
  const { supabase, headers, user } = await getSignedInUser(request);
  // Someone else's order and a missing one look the same: 404.
  const details = user && params.orderId ? await getOrderDetails(supabase, params.orderId) : null;
  if (!details) throw json({ title: pageTitle(locale, t('order.notFoundTitle')) }, { status: 404, headers });
  const title = pageTitle(locale, t('order.title', { number: details.order.order_number }));
  return json({ ...details, isGuest: Boolean(user?.isAnonymous), title }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const errorsT = fixedT(locale, 'errors');
  const { supabase, headers, user } = await getSignedInUser(request);
  const formData = await readFormData(request, headers);
  if (formData.get('intent') !== 'cancel' || !params.orderId) {
    return json({ error: fixedT(locale, 'cart')('order.actionUnavailable') }, { status: 400, headers });
  }
  if (!user) return json({ error: describeRpcError({ hint: 'sign_in_required' }, errorsT) }, { status: 401, headers });
  const result = await cancelOrder(supabase, params.orderId);
  if (!result.ok) {
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error('cancel_order failed', result.error);
    return json({ error: describeRpcError(result.error, errorsT) }, { status, headers });
  }
  return redirect(localizedPath(locale, `/orders/${result.data.id}?cancelled=1`), { headers });
}

// A refused cancel (409) usually means this page is out of date (cancelled in another tab, or
// already being processed): reload the order so the status shown is the current one.
// "Cancel order" opens its confirmation by a link (?confirm=cancel) and focuses it itself.
export const handle: NavigationFocusHandle = { focusOnQueryChange: false };

export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === 'POST' ? true : defaultShouldRevalidate;

export default function OrderPage() {
  const { order, items, events, isGuest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('cart');
  const format = useFormat();
  const to = useLocalizedPath();
  const isCancelling = useIsSubmitting(to(`/orders/${order.id}`));
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.error) errorRef.current?.focus();
  }, [actionData]);

  const here = to(`/orders/${order.id}`);
  const confirmingCancel = searchParams.get('confirm') === 'cancel' && order.status === 'pending';
  const confirmRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (confirmingCancel) confirmRef.current?.focus();
  }, [confirmingCancel]);

  const justPlaced = searchParams.get('placed') === '1';
  const justCancelled = searchParams.get('cancelled') === '1' && order.status === 'cancelled';

  return (
    <section className="container order-page" aria-labelledby="order-title">
      <p>
        <Link className="text-link" to={to('/orders')}>
          {t('order.allOrders')}
        </Link>
      </p>
      {justPlaced ? (
        // Arriving from checkout, focus lands here (NavigationFocus in root), not on the heading.
        <div className="order-notice" role="status" tabIndex={-1} data-focus-on-arrival="">
          <p>
            <Trans
              t={t}
              i18nKey="order.thankYou"
              values={{ number: order.order_number }}
              components={{ strong: <strong />, number: <strong data-testid="order-number-notice" /> }}
            />
          </p>
          <p data-testid="order-next-steps">{t('order.nextSteps', { email: order.customer_email })}</p>
          <p>
            <Link className="button button--secondary" to={to('/')}>
              {t('cart.continueShopping')}
            </Link>
          </p>
        </div>
      ) : null}
      {justCancelled ? (
        <div className="order-notice" role="status">
          <p>{t('order.cancelled', { number: order.order_number })}</p>
        </div>
      ) : null}
      <div ref={errorRef} tabIndex={-1} role="alert" className={actionData?.error ? 'form-errors' : undefined} data-testid="order-error">
        {actionData?.error ? <p>{actionData.error}</p> : null}
      </div>

      <h1 id="order-title">
        <Trans
          t={t}
          i18nKey={justPlaced ? 'order.headingPlaced' : 'order.heading'}
          values={{ number: order.order_number }}
          components={{ number: <span data-testid="order-number" /> }}
        />
      </h1>
      <p>
        <Trans
          t={t}
          i18nKey="order.placedStatus"
          values={{ date: format.dateTime(order.created_at, 'dateTime') }}
          components={{
            date: <time dateTime={order.created_at} suppressHydrationWarning />,
            status: <OrderStatusBadge status={order.status} />,
          }}
        />
      </p>

      {isGuest ? (
        <aside className="signup-invite" aria-labelledby="signup-invite-title">
          <h2 id="signup-invite-title">{t('order.keepTrackTitle')}</h2>
          <p>{t('order.keepTrackBody')}</p>
          <Link className="button" to={to('/signup')}>
            {t('order.createAccount')}
          </Link>
        </aside>
      ) : null}

      <div className="order-section">
        <h2>{t('order.items')}</h2>
        <ul className="order-items">
          {items.map((item) => (
            <li key={item.id}>
              <span>
                {/* The name as it was when the order was placed (a snapshot), in whatever language that was. */}
                <Link to={to(`/products/${item.product_slug}`)}>{item.product_name}</Link>{' '}
                <span className="muted">
                  {t('order.itemQuantity', { quantity: format.number(item.quantity), price: format.money(item.unit_price) })}
                </span>
              </span>
              <span>{item.line_total === null ? format.cents(toCents(item.unit_price) * item.quantity) : format.money(item.line_total)}</span>
            </li>
          ))}
        </ul>
        <OrderTotals
          totals={{
            subtotalCents: toCents(order.subtotal),
            shippingCents: toCents(order.shipping),
            vatCents: toCents(order.vat),
            discountCents: toCents(order.discount),
            grandTotalCents: toCents(order.grand_total),
          }}
        />
      </div>

      <div className="order-section">
        <h2>{t('order.shippingAndPayment')}</h2>
        <dl className="details">
          <div>
            <dt>{t('order.shipTo')}</dt>
            <dd>
              {order.customer_name}, {order.shipping_address}, {order.shipping_zip} {order.shipping_city}, {countryName(order.shipping_country, format.locale)}
            </dd>
          </div>
          <div>
            <dt>{t('order.contact')}</dt>
            <dd>
              {order.customer_email}
              {order.customer_phone ? `, ${order.customer_phone}` : ''}
            </dd>
          </div>
          <div>
            <dt>{t('order.payment')}</dt>
            <dd>
              {order.payment_method === 'cash'
                ? t('paymentMethod.cash')
                : order.emoney_last4
                  ? t('order.emoneyEndingIn', { last4: order.emoney_last4 })
                  : t('paymentMethod.emoney')}
            </dd>
          </div>
        </dl>
      </div>

      <div className="order-section">
        <h2>{t('order.history')}</h2>
        <ol className="order-timeline" aria-label={t('order.historyLabel')}>
          {events.map((event) => (
            <li key={event.id}>
              <strong>{describeOrderEvent(event.from_status, event.to_status, t)}</strong>
              <br />
              <span className="muted">
                <OrderDate iso={event.created_at} />
                {/* The database says who acted as "customer" or "store staff", never which staff member. */}
                {event.from_status === null ? null : event.acted_by === 'store staff' ? ` · ${t('orderEvent.byStaff')}` : ` · ${t('orderEvent.byYou')}`}
                {/* A note staff wrote (a tracking number, a support reason) is shown as written. The
                    creation event's reason would only repeat the title, and a customer's own
                    cancellation carries the app's fixed English reason, which "by you" already says. */}
                {event.reason && event.from_status !== null && event.acted_by === 'store staff' ? ` · ${event.reason}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </div>

      {order.status === 'pending' ? (
        <div className="order-section">
          <h2>{t('order.changedMind')}</h2>
          <p>{t('order.cancelHint')}</p>
          {/* Destructive, so behind a confirmation: a plain link (works without JavaScript). */}
          {confirmingCancel ? (
            <section ref={confirmRef} tabIndex={-1} className="order-confirm" aria-labelledby="cancel-confirm-title" data-testid="cancel-confirm">
              <h3 id="cancel-confirm-title">{t('order.cancelConfirmTitle', { number: order.order_number })}</h3>
              <p>{t('order.cancelConfirmBody')}</p>
              <Form method="post" action={here} className="order-confirm__actions">
                <input type="hidden" name="intent" value="cancel" />
                <SubmitButton isPending={isCancelling} pendingLabel={t('order.cancelling')} className="button button--destructive">
                  {t('order.cancelConfirm')}
                </SubmitButton>
                <Link to={here} className="text-link" preventScrollReset>
                  {t('order.keep')}
                </Link>
              </Form>
            </section>
          ) : (
            <Link className="button button--secondary button--destructive-secondary" to={`${here}?confirm=cancel`} preventScrollReset>
              {t('order.cancel')}
            </Link>
          )}
        </div>
      ) : null}
    </section>
  );
}

function OrderNotFound() {
  const { t } = useTranslation('cart');
  const { t: commonT } = useTranslation('common');
  const to = useLocalizedPath();
  return (
    <section className="error-page container" aria-labelledby="error-title">
      <p className="eyebrow">{commonT('errorPage.eyebrow', { status: 404 })}</p>
      <h1 id="error-title">{t('order.notFoundTitle')}</h1>
      <p>{t('order.notFoundBody')}</p>
      <p>
        <Link className="button" to={to('/orders')}>
          {t('order.yourOrders')}
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{ 404: () => <OrderNotFound /> }}
      unexpectedErrorHandler={() => <ErrorPage status={500} />}
    />
  );
}

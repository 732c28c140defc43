// /orders/<id>: one order (confirmation after checkout, and later its status), with the item
// snapshots taken at checkout, the totals the database computed and the history. The owner can
// cancel while it is pending.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams, type ShouldRevalidateFunction } from '@remix-run/react';
import { useEffect, useRef } from 'react';
import { OrderTotals } from '~/components/cart/order-totals';
import { describeOrderEvent, formatOrderDate, OrderStatusBadge } from '~/components/cart/order-status';
import { formatPrice, toCents } from '~/utils/money';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { SubmitButton, useIsSubmitting } from '~/components/forms';
import { cancelOrder, getOrderDetails } from '~/models/order.server';
import cartStylesHref from '~/styles/cart.css';
import { getSignedInUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Order ${data.order.order_number} | Audio store` : 'Order | Audio store' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { supabase, headers, user } = await getSignedInUser(request);
  // Someone else's order and a missing one look the same: 404.
  const details = user && params.orderId ? await getOrderDetails(supabase, params.orderId) : null;
  if (!details) throw json(null, { status: 404, headers });
  return json({ ...details, isGuest: Boolean(user?.isAnonymous) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { supabase, headers, user } = await getSignedInUser(request);
  const formData = await readFormData(request, headers);
  if (formData.get('intent') !== 'cancel' || !params.orderId) {
    return json({ error: 'That action is not available here.' }, { status: 400, headers });
  }
  if (!user) return json({ error: describeRpcError({ hint: 'sign_in_required' }) }, { status: 401, headers });
  const result = await cancelOrder(supabase, params.orderId);
  if (!result.ok) {
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error('cancel_order failed', result.error);
    return json({ error: describeRpcError(result.error) }, { status, headers });
  }
  return redirect(`/orders/${result.data.id}?cancelled=1`, { headers });
}

// A refused cancel (409) usually means this page is out of date (cancelled in another tab, or
// already being processed): reload the order so the status shown is the current one.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod === 'POST' ? true : defaultShouldRevalidate;

export default function OrderPage() {
  const { order, items, events, isGuest } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const isCancelling = useIsSubmitting(`/orders/${order.id}`);
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (actionData?.error) errorRef.current?.focus();
  }, [actionData]);

  const justPlaced = searchParams.get('placed') === '1';
  const justCancelled = searchParams.get('cancelled') === '1' && order.status === 'cancelled';

  return (
    <section className="container order-page" aria-labelledby="order-title">
      <p>
        <Link className="text-link" to="/orders">
          All orders
        </Link>
      </p>
      {justPlaced ? (
        <div className="order-notice" role="status">
          <p>
            <strong>Thank you for your order!</strong> Your order number is <strong data-testid="order-number-notice">{order.order_number}</strong>.
          </p>
        </div>
      ) : null}
      {justCancelled ? (
        <div className="order-notice" role="status">
          <p>Order {order.order_number} was cancelled. The products went back on the shelf.</p>
        </div>
      ) : null}
      <div ref={errorRef} tabIndex={-1} role="alert" className={actionData?.error ? 'form-errors' : undefined} data-testid="order-error">
        {actionData?.error ? <p>{actionData.error}</p> : null}
      </div>

      <h1 id="order-title">
        {justPlaced ? 'Thank you' : 'Order'} <span data-testid="order-number">{order.order_number}</span>
      </h1>
      <p>
        Placed {formatOrderDate(order.created_at)} · Status: <OrderStatusBadge status={order.status} />
      </p>

      {isGuest ? (
        <aside className="signup-invite" aria-labelledby="signup-invite-title">
          <h2 id="signup-invite-title">Keep track of your orders</h2>
          <p>You checked out as a guest. Create an account now and this order, and your cart, stay yours.</p>
          <Link className="button" to="/signup">
            Create an account
          </Link>
        </aside>
      ) : null}

      <div className="order-section">
        <h2>Items</h2>
        <ul className="order-items">
          {items.map((item) => (
            <li key={item.id}>
              <span>
                <Link to={`/products/${item.product_slug}`}>{item.product_name}</Link>{' '}
                <span className="muted">
                  × {item.quantity} at {formatPrice(item.unit_price)}
                </span>
              </span>
              <span>{formatPrice(item.line_total ?? item.unit_price * item.quantity)}</span>
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
        <h2>Shipping and payment</h2>
        <dl className="details">
          <div>
            <dt>Ship to</dt>
            <dd>
              {order.customer_name}, {order.shipping_address}, {order.shipping_zip} {order.shipping_city}, {order.shipping_country}
            </dd>
          </div>
          <div>
            <dt>Contact</dt>
            <dd>
              {order.customer_email}
              {order.customer_phone ? `, ${order.customer_phone}` : ''}
            </dd>
          </div>
          <div>
            <dt>Payment</dt>
            <dd>{order.payment_method === 'emoney' ? `e-Money ending in ${order.emoney_last4 ?? '????'}` : 'Cash on delivery'}</dd>
          </div>
        </dl>
      </div>

      <div className="order-section">
        <h2>History</h2>
        <ol className="order-timeline" aria-label="Order history">
          {events.map((event) => (
            <li key={event.id}>
              <strong>{describeOrderEvent(event.from_status, event.to_status)}</strong>
              <br />
              <span className="muted">
                {formatOrderDate(event.created_at)}
                {/* The database says who acted as "customer" or "store staff", never which staff member. */}
                {event.acted_by === 'store staff' ? ' · by store staff' : ''}
                {/* The creation event's reason ("Order placed") would only repeat the title. */}
                {event.reason && event.from_status !== null ? ` · ${event.reason}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </div>

      {order.status === 'pending' ? (
        <div className="order-section">
          <h2>Changed your mind?</h2>
          <p>You can cancel while the order is pending. The products go back on the shelf.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="cancel" />
            <SubmitButton isPending={isCancelling} pendingLabel="Cancelling…">
              Cancel order
            </SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return (
    <GeneralErrorBoundary
      statusHandlers={{
        404: () => (
          <section className="error-page container" aria-labelledby="error-title">
            <p className="eyebrow">Error 404</p>
            <h1 id="error-title">Order not found</h1>
            <p>We could not find this order. It may belong to another account, or the link may be wrong.</p>
            <p>
              <Link className="button" to="/orders">
                Your orders
              </Link>
            </p>
          </section>
        ),
      }}
      unexpectedErrorHandler={() => <ErrorPage status={500} />}
    />
  );
}

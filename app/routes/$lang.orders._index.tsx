// /orders: the signed-in user's (or the guest's) orders, newest first.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { formatPrice } from '~/utils/money';
import { formatOrderDate, OrderStatusBadge } from '~/components/cart/order-status';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { listOrders } from '~/models/order.server';
import cartStylesHref from '~/styles/cart.css';
import { getSignedInUser } from '~/utils/auth.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction = () => [{ title: 'Your orders | Audio store' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { supabase, headers, user } = await getSignedInUser(request);
  const orders = user ? await listOrders(supabase, user.id) : [];
  return json({ orders, hasSession: Boolean(user), isGuest: Boolean(user?.isAnonymous) }, { headers });
}

export default function OrdersPage() {
  const { orders, hasSession, isGuest } = useLoaderData<typeof loader>();
  return (
    <section className="container orders-page" aria-labelledby="orders-title">
      <h1 id="orders-title">Your orders</h1>
      {!hasSession ? (
        <p>
          <Link to="/login?redirectTo=%2Forders">Sign in</Link> to see your orders.
        </p>
      ) : orders.length === 0 ? (
        <p>
          You have not placed any orders yet. <Link to="/">Start shopping</Link>.
        </p>
      ) : (
        <ul className="orders-list" aria-label="Orders, newest first">
          {orders.map((order) => (
            <li key={order.id} data-testid="order-row">
              <Link to={`/orders/${order.id}`}>
                <strong>Order {order.order_number}</strong>
              </Link>
              <span>
                {formatOrderDate(order.created_at)} · <OrderStatusBadge status={order.status} /> · {formatPrice(order.grand_total)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {isGuest && orders.length > 0 ? (
        <p className="muted">
          You are shopping as a guest. <Link to="/signup">Create an account</Link> to keep these orders.
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// /orders: the signed-in user's (or the guest's) orders, newest first.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { OrderDate, OrderStatusBadge } from '~/components/cart/order-status';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { listOrders } from '~/models/order.server';
import cartStylesHref from '~/styles/cart.css';
import { getSignedInUser } from '~/utils/auth.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers, user } = await getSignedInUser(request);
  const orders = user ? await listOrders(supabase, user.id, locale) : [];
  return json(
    {
      orders,
      hasSession: Boolean(user),
      isGuest: Boolean(user?.isAnonymous),
      title: pageTitle(locale, fixedT(locale, 'cart')('orders.title')),
    },
    { headers },
  );
}

export default function OrdersPage() {
  const { orders, hasSession, isGuest } = useLoaderData<typeof loader>();
  const { t } = useTranslation('cart');
  const format = useFormat();
  const to = useLocalizedPath();
  const signInPath = to(`/login?${new URLSearchParams({ redirectTo: to('/orders') })}`);
  return (
    <section className="container orders-page" aria-labelledby="orders-title">
      <h1 id="orders-title">{t('orders.title')}</h1>
      {!hasSession ? (
        <p>
          <Trans t={t} i18nKey="orders.signIn" components={{ anchor: <Link to={signInPath} /> }} />
        </p>
      ) : orders.length === 0 ? (
        <p>
          <Trans t={t} i18nKey="orders.none" components={{ anchor: <Link to={to('/')} /> }} />
        </p>
      ) : (
        <ul className="orders-list" aria-label={t('orders.listLabel')}>
          {orders.map((order) => (
            <li key={order.id} data-testid="order-row">
              <Link to={to(`/orders/${order.id}`)}>
                <strong>{t('orders.orderNumber', { number: order.order_number })}</strong>
              </Link>
              <span>
                <OrderDate iso={order.created_at} /> · <OrderStatusBadge status={order.status} /> · {format.money(order.grand_total)}
              </span>
              <ul className="orders-list__items" aria-label={t('orders.itemsLabel', { number: order.order_number })}>
                {order.items.map((item, index) => (
                  <li key={index} data-testid="order-row-item">
                    {item.thumbnail ? (
                      <img src={item.thumbnail.url} alt="" width={48} height={48} loading="lazy" className="orders-list__thumb" />
                    ) : (
                      <span className="orders-list__thumb orders-list__thumb--none" aria-hidden="true" />
                    )}
                    <span>{t('orders.item', { quantity: item.quantity, name: item.name })}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      {isGuest && orders.length > 0 ? (
        <p className="muted">
          <Trans t={t} i18nKey="orders.guest" components={{ anchor: <Link to={to('/signup')} /> }} />
        </p>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

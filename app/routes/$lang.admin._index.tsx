// /admin: what needs attention (enrollments to approve, payments awaited, waitlists, orders to
// process or ship, low stock), each linking to where it is handled.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { getAttentionCounts } from '~/models/admin-events.server';
import { requireAdmin } from '~/utils/admin.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const counts = await getAttentionCounts(supabase);
  return json({ counts, title: pageTitle(locale, fixedT(locale, 'admin')('dashboard.title')) }, { headers });
}

export default function AdminDashboard() {
  const { counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation('admin');
  const to = useLocalizedPath();
  const tiles = [
    { key: 'pendingEnrollments', text: t('dashboard.pendingEnrollments', { count: counts.pendingEnrollments }), href: to('/admin/events'), count: counts.pendingEnrollments },
    { key: 'awaitingPayment', text: t('dashboard.awaitingPayment', { count: counts.awaitingPayment }), href: to('/admin/events'), count: counts.awaitingPayment },
    { key: 'waitlisted', text: t('dashboard.waitlisted', { count: counts.waitlisted }), href: to('/admin/events'), count: counts.waitlisted },
    { key: 'ordersToHandle', text: t('dashboard.ordersToHandle', { count: counts.ordersToHandle }), href: to('/admin/orders?status=processing'), count: counts.ordersToHandle },
    { key: 'lowStock', text: t('dashboard.lowStock', { count: counts.lowStock }), href: to('/admin/stock'), count: counts.lowStock },
  ];
  return (
    <section className="container admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('dashboard.title')}</h1>
      <p>{t('dashboard.lead')}</p>
      <ul className="attention-list" data-testid="attention">
        {tiles.map((tile) => (
          <li key={tile.key} className={tile.count > 0 ? 'attention attention--due' : 'attention'} data-testid={`attention-${tile.key}`}>
            {tile.href ? <Link to={tile.href}>{tile.text}</Link> : <span>{tile.text}</span>}
          </li>
        ))}
      </ul>
      <p>
        <Link className="button" to={to('/admin/check-in')}>
          {t('dashboard.openCheckIn')}
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

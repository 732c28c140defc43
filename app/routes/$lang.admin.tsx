// /admin: the operators' area (admins only; everyone else gets the 404 of a page that does not
// exist). This layout draws the admin navigation; each child route checks the admin itself
// (requireAdmin), since Remix runs a page's loaders in parallel.
import { json, type LinksFunction, type LoaderFunctionArgs } from '@remix-run/node';
import { NavLink, Outlet } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { ErrorPage, GeneralErrorBoundary } from '~/components/error-boundary';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import adminStylesHref from '~/styles/admin.css';
import { requireAdmin } from '~/utils/admin.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: adminStylesHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { headers } = await requireAdmin(request, pageLocale(params));
  return json(null, { headers });
}

export default function AdminLayout() {
  const { t } = useTranslation('admin');
  const to = useLocalizedPath();
  const links = [
    { to: to('/admin'), label: t('nav.dashboard'), end: true },
    { to: to('/admin/events'), label: t('nav.events'), end: false },
    { to: to('/admin/members'), label: t('nav.members'), end: false },
    { to: to('/admin/orders'), label: t('nav.orders'), end: false },
    { to: to('/admin/stock'), label: t('nav.stock'), end: false },
    { to: to('/admin/invitations'), label: t('nav.invitations'), end: false },
    { to: to('/admin/audit'), label: t('nav.audit'), end: false },
    { to: to('/admin/check-in'), label: t('nav.checkIn'), end: false },
  ];
  return (
    <div className="admin">
      <nav className="admin-nav container" aria-label={t('nav.label')}>
        <ul>
          {links.map((link) => (
            <li key={link.to}>
              <NavLink to={link.to} end={link.end}>
                {link.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary statusHandlers={{ 404: () => <ErrorPage status={404} /> }} />;
}

// /admin/events: every event (unpublished and called-off ones too), latest first, with its
// enrollments counted by status and the payments it awaits.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { listAdminEvents } from '~/models/admin-events.server';
import { requireAdmin } from '~/utils/admin.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const events = await listAdminEvents(supabase);
  return json({ events, title: pageTitle(locale, fixedT(locale, 'admin')('events.title')) }, { headers });
}

export default function AdminEvents() {
  const { events } = useLoaderData<typeof loader>();
  const { t } = useTranslation('admin');
  const format = useFormat();
  const to = useLocalizedPath();
  return (
    <section className="container admin-page" aria-labelledby="admin-events-title">
      <h1 id="admin-events-title">{t('events.title')}</h1>
      <p>{t('events.lead')}</p>
      {events.length === 0 ? (
        <p>{t('events.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('events.name')}</th>
                <th scope="col">{t('events.starts')}</th>
                <th scope="col">{t('events.seats')}</th>
                <th scope="col">{t('events.pending')}</th>
                <th scope="col">{t('events.waitlisted')}</th>
                <th scope="col">{t('events.approved')}</th>
                <th scope="col">{t('events.awaitingPayment')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="admin-event-row" data-slug={event.slug}>
                  <th scope="row">
                    <Link to={to(`/admin/events/${event.id}`)}>{event.name}</Link>
                    {!event.published ? <span className="tag">{t('events.unpublished')}</span> : null}
                    {event.cancelled ? <span className="tag tag--alert">{t('events.cancelled')}</span> : null}
                  </th>
                  <td>
                    <time dateTime={event.startsAt} suppressHydrationWarning>
                      {format.dateTime(event.startsAt, 'dateTime')}
                    </time>
                  </td>
                  <td>{t('events.seatsValue', { taken: event.seatsTaken, capacity: event.capacity })}</td>
                  <td>{event.counts.pending}</td>
                  <td>{event.counts.waitlisted}</td>
                  <td>{event.counts.approved}</td>
                  <td>{event.awaitingPayment}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// /events: upcoming events with their seats ("Full — join the waitlist" when none is left), then
// past ones apart. A signed-in member also sees their own status on each event they enrolled in.
import { json, type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { EventListItem } from '~/components/events/event-list-item';
import { titleMeta } from '~/i18n/meta';
import eventsStylesHref from '~/styles/events.css';
import { mergeCatalogDocumentHeaders } from '~/utils/cache-control';
import { splitPastEvents } from '~/utils/events';
import {
  fixedT,
  pageTitle,
  pageLocale,
  listEventCards,
  listMyEnrollments,
  pickCurrentEnrollment,
  findSignedInUser,
  setCatalogCacheHeaders,
  createSupabaseServerClient,
} from '~/server-deps/events-page.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: eventsStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = createSupabaseServerClient(request);
  const [events, user] = await Promise.all([listEventCards(supabase, locale), findSignedInUser(request, supabase)]);
  const mine = user && !user.isAnonymous ? await listMyEnrollments(supabase) : [];
  const myStatusByEvent: Record<string, { status: (typeof mine)[number]['status']; place: number | null }> = {};
  for (const event of events) {
    const current = pickCurrentEnrollment(mine.filter((enrollment) => enrollment.event_id === event.id));
    if (current) myStatusByEvent[event.id] = { status: current.status, place: current.waitlist_place };
  }
  setCatalogCacheHeaders(request, headers);
  const t = fixedT(locale, 'events');
  return json({ ...splitPastEvents(events, Date.now()), myStatusByEvent, title: pageTitle(locale, t('list.title')) }, { headers });
}

export const headers: HeadersFunction = mergeCatalogDocumentHeaders;

export default function EventsPage() {
  const { upcoming, past, myStatusByEvent } = useLoaderData<typeof loader>();
  const { t } = useTranslation('events');
  return (
    <div className="container events-page">
      <header className="events-page__header">
        <h1>{t('list.title')}</h1>
        <p className="events-page__lead">{t('list.lead')}</p>
      </header>

      <section aria-labelledby="upcoming-title" className="section">
        <h2 id="upcoming-title">{t('list.upcomingTitle')}</h2>
        {upcoming.length === 0 ? (
          <p>{t('list.noUpcoming')}</p>
        ) : (
          <ul className="event-list" data-testid="upcoming-events">
            {upcoming.map((event) => (
              <li key={event.id}>
                <EventListItem event={event} past={false} myStatus={myStatusByEvent[event.id]} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {past.length > 0 ? (
        <section aria-labelledby="past-title" className="section">
          <h2 id="past-title">{t('list.pastTitle')}</h2>
          <ul className="event-list event-list--past" data-testid="past-events">
            {past.map((event) => (
              <li key={event.id}>
                <EventListItem event={event} past myStatus={myStatusByEvent[event.id]} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

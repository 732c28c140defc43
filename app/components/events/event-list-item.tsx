// One event in a list (the events page, the home page's teaser): poster, name, when, where,
// price and seats, and the reader's own status when they are enrolled.
import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { useLocalizedPath } from '~/i18n/use-locale';
import type { EventCard } from '~/models/event.server';
import { EnrollmentStatusBadge, type EnrollmentStatus } from './enrollment-status';
import { EventPrice } from './event-price';
import { EventWhen } from './event-when';
import { SeatsBadge } from './seats-badge';

export interface EventListItemProps {
  event: EventCard;
  past: boolean;
  myStatus?: { status: EnrollmentStatus; place: number | null } | null;
  headingLevel?: 2 | 3;
}

export function EventListItem({ event, past, myStatus, headingLevel = 3 }: EventListItemProps) {
  const { t } = useTranslation('events');
  const to = useLocalizedPath();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className={`event-card${past ? ' event-card--past' : ''}`} data-testid="event-card" data-slug={event.slug}>
      {event.imageUrl ? (
        <img className="event-card__image" src={event.imageUrl} alt={event.imageAlt} width={640} height={360} loading="lazy" decoding="async" />
      ) : null}
      <div className="event-card__body">
        <Heading className="event-card__title">
          <Link to={to(`/events/${event.slug}`)}>{event.name}</Link>
        </Heading>
        <p className="event-card__when">
          <EventWhen startsAt={event.startsAt} endsAt={event.endsAt} />
        </p>
        <p className="event-card__where">{event.location}</p>
        <p className="event-card__meta">
          <EventPrice fee={event.fee} /> · <SeatsBadge seatsLeft={event.seatsLeft} cancelled={event.cancelled} open={event.open} past={past} />
        </p>
        {myStatus ? (
          <p className="event-card__mine">
            {t('card.yours')} <EnrollmentStatusBadge status={myStatus.status} place={myStatus.place} />
          </p>
        ) : null}
      </div>
    </article>
  );
}

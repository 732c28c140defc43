// What an event's seats say to someone deciding whether to enroll.
import { useTranslation } from '~/i18n/react';
import type { EventCard } from '~/models/event.server';

type SeatsView = Pick<EventCard, 'seatsLeft' | 'cancelled' | 'open'> & { past: boolean };

export function SeatsBadge({ seatsLeft, cancelled, open, past }: SeatsView) {
  const { t } = useTranslation('events');
  if (cancelled) return <span className="seats-badge seats-badge--closed">{t('card.cancelled')}</span>;
  if (past) return <span className="seats-badge seats-badge--closed">{t('card.ended')}</span>;
  if (!open) return <span className="seats-badge seats-badge--closed">{t('card.started')}</span>;
  if (seatsLeft === 0) return <span className="seats-badge seats-badge--full" data-testid="seats">{t('card.full')}</span>;
  return (
    <span className={`seats-badge${seatsLeft <= 3 ? ' seats-badge--few' : ''}`} data-testid="seats">
      {t('card.seatsLeft', { count: seatsLeft })}
    </span>
  );
}

// An event's price per seat, or "Free".
import { useTranslation } from '~/i18n/react';
import { useFormat } from '~/i18n/use-locale';

export function EventPrice({ fee }: { fee: number | null }) {
  const { t } = useTranslation('events');
  const format = useFormat();
  return <span className="event-price">{fee === null ? t('card.free') : t('card.fee', { fee: format.money(fee) })}</span>;
}

// When an event takes place, in the reader's language and time zone: "Friday, 12 June 2026,
// 19:00–22:00". Both ends are shown in the same zone; an event runs within one day.
import { useTranslation } from '~/i18n/react';
import { useFormat } from '~/i18n/use-locale';

export function EventWhen({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const { t } = useTranslation('events');
  const format = useFormat();
  return (
    <time dateTime={startsAt} suppressHydrationWarning>
      {t('detail.timeRange', {
        date: format.dateTime(startsAt, 'longDate'),
        start: format.dateTime(startsAt, 'time'),
        end: format.dateTime(endsAt, 'time'),
      })}
    </time>
  );
}

// How order statuses, their history and their dates read on the page, in the reader's language.
import type { TFunction } from 'i18next';
import { useTranslation } from '~/i18n/react';
import { useFormat } from '~/i18n/use-locale';
import type { Database } from '~/types/database.types';

type OrderStatus = Database['public']['Enums']['order_status'];

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation('cart');
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="order-status">
      {t(`orderStatus.${status}`)}
    </span>
  );
}

/** "Order placed" for the first event, "Pending → Cancelled" for a change. */
export function describeOrderEvent(from: OrderStatus | null, to: OrderStatus, t: TFunction<'cart'>): string {
  if (from === null) return t('orderEvent.placed');
  return t('orderEvent.changed', { from: t(`orderStatus.${from}`), to: t(`orderStatus.${to}`) });
}

/**
 * A moment of an order's life in the reader's language and zone. The zone is the browser's
 * (the `tz` cookie) on both sides; server and browser ICU data may still differ slightly.
 */
export function OrderDate({ iso }: { iso: string }) {
  const format = useFormat();
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {format.dateTime(iso, 'dateTime')}
    </time>
  );
}

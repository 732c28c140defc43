// How order statuses read on the page.
import type { Database } from '~/types/database.types';

type OrderStatus = Database['public']['Enums']['order_status'];

const STATUS_LABELS: Record<OrderStatus, string> = {
  pending: 'Pending',
  processing: 'Processing',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="order-status">
      {STATUS_LABELS[status]}
    </span>
  );
}

export function describeOrderEvent(from: OrderStatus | null, to: OrderStatus): string {
  if (from === null) return 'Order placed';
  return `${STATUS_LABELS[from]} → ${STATUS_LABELS[to]}`;
}

const dateFormatter = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Server and browser render the same text (a fixed time zone), so hydration never disagrees. */
export function formatOrderDate(iso: string): string {
  return `${dateFormatter.format(new Date(iso))} UTC`;
}

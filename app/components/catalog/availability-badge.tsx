// In stock / Only N left / Sold out. The count is shown only when the database revealed one.
import { useTranslation } from '~/i18n/react';
import { describeAvailability, type StockStatus } from '~/utils/availability';

export function AvailabilityBadge({
  availability,
  quantityLeft,
}: {
  availability: StockStatus | null;
  quantityLeft: number | null;
}) {
  const { t } = useTranslation('catalog');
  const badge = describeAvailability(availability, quantityLeft, t);
  return (
    <p className={`availability availability--${badge.status.replace('_', '-')}`} data-testid="availability">
      {badge.label}
    </p>
  );
}

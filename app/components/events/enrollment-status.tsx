// How an enrollment's status reads: a badge with the place in line while waitlisted.
import { useTranslation } from '~/i18n/react';
import type { Database } from '~/types/database.types';

export type EnrollmentStatus = Database['public']['Enums']['enrollment_status'];

export function EnrollmentStatusBadge({ status, place }: { status: EnrollmentStatus; place?: number | null }) {
  const { t } = useTranslation('events');
  return (
    <span className={`status-badge status-badge--${status}`} data-testid="enrollment-status" data-status={status}>
      {t(`status.${status}`)}
      {status === 'waitlisted' && place ? <>, {t('place', { place })}</> : null}
    </span>
  );
}

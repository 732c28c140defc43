// Subtotal, shipping, included VAT and grand total: previewed in the cart and at checkout, and
// read from the orders row on the confirmation page (the database's numbers are the real ones).
import { useTranslation } from '~/i18n/react';
import { useFormat } from '~/i18n/use-locale';

export interface TotalsInCents {
  subtotalCents: number;
  shippingCents: number;
  vatCents: number;
  grandTotalCents: number;
  discountCents?: number;
}

/** `label` names the list for screen readers; "Order totals" when not given. */
export function OrderTotals({ totals, label }: { totals: TotalsInCents; label?: string }) {
  const { t } = useTranslation('cart');
  const format = useFormat();
  return (
    <dl className="order-totals" aria-label={label ?? t('totals.label')}>
      <div>
        <dt>{t('totals.subtotal')}</dt>
        <dd data-testid="totals-subtotal">{format.cents(totals.subtotalCents)}</dd>
      </div>
      <div>
        <dt>{t('totals.shipping')}</dt>
        <dd data-testid="totals-shipping">{format.cents(totals.shippingCents)}</dd>
      </div>
      <div>
        <dt>{t('totals.vat')}</dt>
        <dd data-testid="totals-vat">{format.cents(totals.vatCents)}</dd>
      </div>
      {totals.discountCents ? (
        <div>
          <dt>{t('totals.discount')}</dt>
          <dd>−{format.cents(totals.discountCents)}</dd>
        </div>
      ) : null}
      <div className="order-totals__grand">
        <dt>{t('totals.grandTotal')}</dt>
        <dd data-testid="totals-grand">{format.cents(totals.grandTotalCents)}</dd>
      </div>
    </dl>
  );
}

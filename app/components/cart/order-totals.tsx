// Subtotal, shipping, included VAT and grand total: previewed in the cart and at checkout, and
// read from the orders row on the confirmation page (the database's numbers are the real ones).
import { formatCents } from '~/utils/money';

export interface TotalsInCents {
  subtotalCents: number;
  shippingCents: number;
  vatCents: number;
  grandTotalCents: number;
  discountCents?: number;
}

export function OrderTotals({ totals, label = 'Order totals' }: { totals: TotalsInCents; label?: string }) {
  return (
    <dl className="order-totals" aria-label={label}>
      <div>
        <dt>Subtotal</dt>
        <dd data-testid="totals-subtotal">{formatCents(totals.subtotalCents)}</dd>
      </div>
      <div>
        <dt>Shipping</dt>
        <dd data-testid="totals-shipping">{formatCents(totals.shippingCents)}</dd>
      </div>
      <div>
        <dt>VAT (20%, included)</dt>
        <dd data-testid="totals-vat">{formatCents(totals.vatCents)}</dd>
      </div>
      {totals.discountCents ? (
        <div>
          <dt>Discount</dt>
          <dd>−{formatCents(totals.discountCents)}</dd>
        </div>
      ) : null}
      <div className="order-totals__grand">
        <dt>Grand total</dt>
        <dd data-testid="totals-grand">{formatCents(totals.grandTotalCents)}</dd>
      </div>
    </dl>
  );
}

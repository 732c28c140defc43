// Money arithmetic. Prices are stored as numeric(10,2) in the store currency (US dollars, VAT
// included) and arrive as JSON numbers. Every sum here is done in whole cents so 0.1 + 0.2 never
// shows up on a receipt. Totals of placed orders always come from the database; the cart and
// checkout only preview them with the same rules the SQL uses. How an amount is written is the
// reader's language's business: useFormat().money / .cents (app/i18n/format.ts).

/** place_order's flat shipping (50.00), in cents. */
export const SHIPPING_CENTS = 5_000;
const VAT_PERCENT = 20;

export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export interface OrderTotalsPreview {
  subtotalCents: number;
  shippingCents: number;
  vatCents: number;
  grandTotalCents: number;
}

/**
 * The totals place_order will compute: prices include VAT, so VAT is the included share
 * round(subtotal × 20 / 120, 2) and is shown, not added; shipping is a flat 50.00.
 */
export function previewOrderTotals(lines: Array<{ unitPrice: number; quantity: number }>): OrderTotalsPreview {
  const subtotalCents = lines.reduce((sum, line) => sum + toCents(line.unitPrice) * line.quantity, 0);
  // Rounds half away from zero like PostgreSQL's round(numeric); amounts are never negative.
  const vatCents = Math.round((subtotalCents * VAT_PERCENT) / (100 + VAT_PERCENT));
  const shippingCents = subtotalCents > 0 ? SHIPPING_CENTS : 0;
  return { subtotalCents, shippingCents, vatCents, grandTotalCents: subtotalCents + shippingCents };
}

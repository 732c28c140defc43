// Prices are stored as numeric(10,2) in the store currency (US dollars, VAT included) and arrive
// as JSON numbers. One format everywhere: "$1,199.00" (en-US, always two decimals), so a card,
// the product page and the cart never disagree about what something costs.
const priceFormat = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export function formatPrice(amount: number): string {
  return priceFormat.format(amount);
}

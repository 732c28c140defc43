// The checkout's limits and the countries it ships to: plain constants (no zod), so the page can
// import them without pulling the schema module into the browser. The limits are place_order's
// own checks (20261121000420_orders.sql), counted as PostgreSQL counts (characters).
export const CHECKOUT_LIMITS = {
  nameMax: 100,
  emailMax: 254,
  addressMax: 200,
  zipMin: 2,
  zipMax: 20,
  cityMax: 100,
  idempotencyKeyMin: 8,
  idempotencyKeyMax: 100,
} as const;

/**
 * ISO 3166-1 alpha-2 codes of the countries the store ships to. The project names no shipping
 * rules, so this is the store's home markets (Thailand, Korea, Taiwan: the page languages), their
 * neighbours in East and South-East Asia, and the largest overseas markets. Orders store the code;
 * pages show its name in the reader's language (Intl.DisplayNames).
 */
export const SHIPPING_COUNTRIES = [
  'TH', 'KR', 'TW', 'JP', 'CN', 'HK', 'SG', 'MY', 'VN', 'PH', 'ID', 'AU', 'NZ', 'US', 'CA', 'GB', 'DE', 'FR',
] as const;

export type ShippingCountry = (typeof SHIPPING_COUNTRIES)[number];

export function isShippingCountry(value: unknown): value is ShippingCountry {
  return typeof value === 'string' && (SHIPPING_COUNTRIES as ReadonlyArray<string>).includes(value);
}

/**
 * A stored country in the reader's language: the name of an ISO code, or the text as stored for
 * orders placed before the country became a list (they hold a typed name).
 */
export function countryName(value: string, locale: string): string {
  if (!/^[A-Z]{2}$/.test(value)) return value;
  try {
    return new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' }).of(value) ?? value;
  } catch {
    return value;
  }
}

/** The shipping countries as options, named in `locale` and sorted the way that language sorts. */
export function shippingCountryOptions(locale: string): Array<{ value: ShippingCountry; label: string }> {
  const collator = new Intl.Collator(locale);
  return SHIPPING_COUNTRIES.map((code) => ({ value: code, label: countryName(code, locale) })).sort((a, b) => collator.compare(a.label, b.label));
}

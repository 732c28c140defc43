// The checkout action's parsing, in a server-only module: the page's browser build must not see
// zod or conform's form-data code at all (a plain import of parseWithZod in the route kept
// conform's DOM runtime and zod in the checkout page's JavaScript, about 100 kB compressed).
import { parseWithZod } from '@conform-to/zod/v4';
import { fixedT } from '~/i18n/i18n.server';
import type { Locale } from '~/i18n/locales';
import { createCheckoutFormSchema } from '~/utils/checkout-schema';

export { toPlaceOrderArgs } from '~/utils/checkout-schema';

/** The posted checkout form, checked with every message in the page's language. */
export function parseCheckoutForm(formData: FormData, locale: Locale) {
  return parseWithZod(formData, { schema: createCheckoutFormSchema(fixedT(locale, 'cart'), fixedT(locale, 'validation')) });
}

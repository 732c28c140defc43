// Cart line changes posted to /cart by the product page, the cart page and no-JS forms alike.
// reserve_stock takes 0 to 1000 (0 removes the line); the same bounds here. The schema is built
// with the page's translator (`fixedT(locale, 'cart')` in the action), so its messages are
// already in the shopper's language.
import type { TFunction } from 'i18next';
import { z } from '~/utils/zod';

const MAX_QUANTITY = 1000;

export function createCartActionSchema(t: TFunction<'cart'>) {
  const productId = z.guid(t('cartSchema.productMissing'));
  const quantity = (min: 0 | 1) =>
    z.coerce
      .number({ error: t('cartSchema.quantityMissing') })
      .int(t('cartSchema.quantityWhole'))
      .min(min, min === 1 ? t('cartSchema.addAtLeastOne') : t('cartSchema.quantityNegative'))
      .max(MAX_QUANTITY, t('cartSchema.quantityTooMany', { max: MAX_QUANTITY }));
  return z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('add'), productId, quantity: quantity(1) }),
    // 0 removes the line, exactly like reserve_stock.
    z.object({ intent: z.literal('set'), productId, quantity: quantity(0) }),
    z.object({ intent: z.literal('remove'), productId }),
  ]);
}

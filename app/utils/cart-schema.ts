// Cart line changes posted to /cart by the product page, the cart page and no-JS forms alike.
// reserve_stock takes 0 to 1000 (0 removes the line); the same bounds here.
import { z } from '~/utils/zod';

export const CartActionSchema = z.discriminatedUnion('intent', [
  z.object({
    intent: z.literal('add'),
    productId: z.guid('This product does not exist (any more).'),
    quantity: z.coerce.number({ error: 'Enter a quantity.' }).int('Quantity must be a whole number.').min(1, 'Add at least 1.').max(1000, 'You can hold at most 1000.'),
  }),
  z.object({
    intent: z.literal('set'),
    productId: z.guid('This product does not exist (any more).'),
    // 0 removes the line, exactly like reserve_stock.
    quantity: z.coerce.number({ error: 'Enter a quantity.' }).int('Quantity must be a whole number.').min(0, 'Quantity cannot be negative.').max(1000, 'You can hold at most 1000.'),
  }),
  z.object({
    intent: z.literal('remove'),
    productId: z.guid('This product does not exist (any more).'),
  }),
]);

export type CartAction = z.output<typeof CartActionSchema>;

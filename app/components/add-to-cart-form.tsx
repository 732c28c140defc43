// The product page's "add to cart": posts to the /cart action, which holds the stock for
// 30 minutes (reserve_stock). Owned by the cart feature; the product page only renders it.
// Works without JavaScript; with it, the button says what is happening while the hold is made.
import { Form } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { SubmitButton, useIsSubmitting } from '~/components/forms';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';

export interface AddToCartFormProps {
  productId: string;
  /** Largest quantity worth offering (available units, capped). 0 means none can be added now. */
  maxQuantity: number;
  /** Every unit is in other shoppers' carts (not sold out); when the earliest of those holds ends. */
  heldElsewhere?: { until: string | null } | null;
}

export function AddToCartForm({ productId, maxQuantity, heldElsewhere }: AddToCartFormProps) {
  const { t } = useTranslation('cart');
  const format = useFormat();
  const to = useLocalizedPath();
  const isPending = useIsSubmitting(to('/cart'));
  if (maxQuantity <= 0 && heldElsewhere) {
    return (
      <p className="sold-out" data-testid="held-elsewhere">
        {heldElsewhere.until
          ? t('addToCart.heldElsewhereUntil', { time: format.dateTime(heldElsewhere.until, 'time') })
          : t('addToCart.heldElsewhere')}
      </p>
    );
  }
  if (maxQuantity <= 0) return <p className="sold-out">{t('addToCart.soldOut')}</p>;
  return (
    <Form method="post" action={to('/cart')} className="add-to-cart">
      <input type="hidden" name="intent" value="add" />
      <input type="hidden" name="productId" value={productId} />
      <label htmlFor="quantity">{t('addToCart.quantity')}</label>
      <input id="quantity" name="quantity" type="number" inputMode="numeric" min={1} max={maxQuantity} defaultValue={1} required />
      <SubmitButton isPending={isPending} pendingLabel={t('addToCart.adding')}>
        {t('addToCart.add')}
      </SubmitButton>
    </Form>
  );
}

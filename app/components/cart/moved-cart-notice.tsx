// After signing in from a guest cart: what came along, and each line that did not (fully), with
// why, so nothing disappears without a word.
import { useTranslation } from '~/i18n/react';
import type { MovedCartLine } from '~/models/cart-transfer.server';

export function MovedCartNotice({ lines }: { lines: MovedCartLine[] }) {
  const { t } = useTranslation('cart');
  const movedUnits = lines.reduce((sum, line) => sum + line.moved, 0);
  const shortfalls = lines.filter((line) => line.reason !== null);
  return (
    <div role="status" className="cart-notice" data-testid="moved-cart">
      <p>{movedUnits > 0 ? t('movedCart.moved', { count: movedUnits }) : t('movedCart.nothingMoved')}</p>
      {shortfalls.length > 0 ? (
        <ul>
          {shortfalls.map((line) => (
            <li key={line.name}>
              {t(`movedCart.reason.${line.reason ?? 'hold_limit'}`, { name: line.name, moved: line.moved, count: line.guestQuantity })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

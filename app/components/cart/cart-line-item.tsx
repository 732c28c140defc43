// One line of the cart page. Quantity changes and removals go through a fetcher so the page does
// not reload and the line shows the new quantity at once; the server answers with the truth
// (reserve_stock may grant fewer units, or none), and its error is shown on this line.
import { Link, useFetcher } from '@remix-run/react';
import type { CartLine } from '~/models/cart.server';
import { HoldCountdown, useHoldRemaining } from './hold-countdown';
import { formatCents, formatPrice, toCents } from '~/utils/money';

interface CartActionError {
  error: { productId: string | null; message: string };
}

function readFetcherError(data: unknown, productId: string): string | null {
  if (typeof data !== 'object' || data === null || !('error' in data)) return null;
  const { error } = data as CartActionError;
  return error.productId === productId || error.productId === null ? error.message : null;
}

/** The quantity this line will have once the in-flight change lands (null when none is in flight). */
export function readPendingQuantity(formData: FormData | undefined): number | null {
  if (!formData) return null;
  const intent = formData.get('intent');
  if (intent === 'remove') return 0;
  if (intent === 'set') {
    const quantity = Number(formData.get('quantity'));
    return Number.isInteger(quantity) && quantity >= 0 ? quantity : null;
  }
  return null;
}

export function CartLineItem({
  line,
  serverNow,
  onExpire,
}: {
  line: CartLine & { isExpired: boolean };
  serverNow: string;
  /** Called with `<productId>@<expiresAt>` when the countdown reaches zero. */
  onExpire: (holdKey: string) => void;
}) {
  const quantityFetcher = useFetcher({ key: `cart-quantity-${line.productId}` });
  const removeFetcher = useFetcher({ key: `cart-remove-${line.productId}` });
  const remaining = useHoldRemaining(line.expiresAt, serverNow, () => onExpire(`${line.productId}@${line.expiresAt}`));
  const isExpired = line.isExpired || remaining <= 0;

  const pendingQuantity = readPendingQuantity(removeFetcher.formData) ?? readPendingQuantity(quantityFetcher.formData);
  const quantity = pendingQuantity ?? line.quantity;
  const isRemoving = pendingQuantity === 0;
  const error = readFetcherError(quantityFetcher.data, line.productId) ?? readFetcherError(removeFetcher.data, line.productId);
  const inputId = `quantity-${line.productId}`;
  const errorId = `line-error-${line.productId}`;
  const productPath = `/products/${line.slug}`;

  return (
    <li
      className={['cart-line', isExpired ? 'cart-line--expired' : '', isRemoving ? 'cart-line--removing' : ''].join(' ').trim()}
      data-testid="cart-line"
      aria-busy={quantityFetcher.state !== 'idle' || removeFetcher.state !== 'idle' || undefined}
    >
      <div className="cart-line__image">
        {line.imageUrl ? <img src={line.imageUrl} alt="" width={96} height={96} loading="lazy" /> : null}
      </div>
      <div className="cart-line__body">
        <h2 className="cart-line__name">
          <Link to={productPath}>{line.name}</Link>
        </h2>
        <p className="cart-line__price">
          <span className="visually-hidden">Unit price: </span>
          {formatPrice(line.unitPrice)} <span className="muted">each</span>
        </p>

        {isExpired ? (
          <div className="cart-line__expired" role="status">
            <p>
              <strong>Your hold on this product has expired.</strong> The {line.quantity === 1 ? 'unit is' : `${line.quantity} units are`} no
              longer reserved for you and may be sold to someone else. Hold again to reserve them for another 30 minutes, or
              remove the line.
            </p>
            <quantityFetcher.Form method="post" action="/cart" preventScrollReset>
              <input type="hidden" name="intent" value="set" />
              <input type="hidden" name="productId" value={line.productId} />
              <input type="hidden" name="quantity" value={line.quantity} />
              <button type="submit" className="button button--small" aria-disabled={quantityFetcher.state !== 'idle' || undefined}>
                {quantityFetcher.state !== 'idle' ? 'Holding…' : 'Hold again'}
                <span className="visually-hidden"> {line.name}</span>
              </button>
            </quantityFetcher.Form>
          </div>
        ) : (
          <>
            <quantityFetcher.Form method="post" action="/cart" className="cart-line__quantity" preventScrollReset>
              <input type="hidden" name="intent" value="set" />
              <input type="hidden" name="productId" value={line.productId} />
              <label htmlFor={inputId}>
                Quantity<span className="visually-hidden"> of {line.name}</span>
              </label>
              <input
                // Remount when the server's quantity changes, so the field shows what is really held.
                key={`${line.quantity}-${line.expiresAt}`}
                id={inputId}
                name="quantity"
                type="number"
                inputMode="numeric"
                min={0}
                max={1000}
                defaultValue={line.quantity}
                required
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
              />
              <button type="submit" className="button button--small button--outline">
                {quantityFetcher.state !== 'idle' ? 'Updating…' : 'Update'}
                <span className="visually-hidden"> quantity of {line.name}</span>
              </button>
            </quantityFetcher.Form>
            <HoldCountdown remaining={remaining} />
          </>
        )}

        {error ? (
          <p id={errorId} className="cart-line__error" role="alert">
            {error}
          </p>
        ) : null}
      </div>
      <div className="cart-line__side">
        <p className="cart-line__total">
          <span className="visually-hidden">Line total: </span>
          {formatCents(toCents(line.unitPrice) * quantity)}
        </p>
        <removeFetcher.Form method="post" action="/cart" preventScrollReset>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="productId" value={line.productId} />
          <button type="submit" className="link-button cart-line__remove">
            Remove<span className="visually-hidden"> {line.name}</span>
          </button>
        </removeFetcher.Form>
      </div>
    </li>
  );
}

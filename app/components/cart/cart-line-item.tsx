// One line of the cart page. Quantity changes (typed, or one step with the -/+ buttons) and
// removals go through a fetcher so the page does not reload and the line shows the new quantity
// at once; the server answers with the truth. reserve_stock grants the whole change or refuses
// it (stock, hold limit, sold out): a refused change snaps the field back to the quantity the
// database still holds, and the refusal's sentence is shown on this line.
// Without JavaScript the steppers are plain submit buttons of the line's form (`stepTo` carries
// the quantity they ask for), and the page's reply shows the message on the line the same way.
import { Link, useFetcher } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import type { CartLine } from '~/models/cart.server';
import { toCents } from '~/utils/money';
import { HOLD_MINUTES, HoldCountdown, useHoldRemaining } from './hold-countdown';

const hidden = <span className="visually-hidden" />;
// Product names are database text: escaped before Trans reads its markup, unescaped after, so a
// name with "<" in it stays text.
const nameSafe = { tOptions: { interpolation: { escapeValue: true } }, shouldUnescape: true } as const;

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
    // A stepper's own value wins over the typed field, exactly as in the action.
    const quantity = Number(formData.get('stepTo') ?? formData.get('quantity'));
    return Number.isInteger(quantity) && quantity >= 0 ? quantity : null;
  }
  return null;
}

export function CartLineItem({
  line,
  serverNow,
  onExpire,
  pageError,
}: {
  line: CartLine & { isExpired: boolean };
  serverNow: string;
  /** The refusal for this line from a full-page submit (without JavaScript). */
  pageError?: string | null;
  /** Called with `<productId>@<expiresAt>` when the countdown reaches zero. */
  onExpire: (holdKey: string) => void;
}) {
  const { t } = useTranslation('cart');
  const format = useFormat();
  const to = useLocalizedPath();
  const quantityFetcher = useFetcher({ key: `cart-quantity-${line.productId}` });
  const removeFetcher = useFetcher({ key: `cart-remove-${line.productId}` });
  const remaining = useHoldRemaining(line.expiresAt, serverNow, () => onExpire(`${line.productId}@${line.expiresAt}`));
  const isExpired = line.isExpired || remaining <= 0;

  const pendingQuantity = readPendingQuantity(removeFetcher.formData) ?? readPendingQuantity(quantityFetcher.formData);
  const quantity = pendingQuantity ?? line.quantity;
  const isRemoving = pendingQuantity === 0;
  const isIdle = quantityFetcher.state === 'idle' && removeFetcher.state === 'idle';
  // A message belongs to the last answer only: a new change in flight hides the old one.
  const error = isIdle
    ? (readFetcherError(quantityFetcher.data, line.productId) ?? readFetcherError(removeFetcher.data, line.productId) ?? pageError ?? null)
    : null;
  const inputId = `quantity-${line.productId}`;
  const errorId = `line-error-${line.productId}`;
  const productPath = to(`/products/${line.slug}`);
  const cartPath = to('/cart');
  const name = { name: line.name };

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
          <Trans
            t={t}
            i18nKey="cartLine.unitPrice"
            values={{ price: format.money(line.unitPrice) }}
            components={{ hidden, muted: <span className="muted" /> }}
          />
        </p>

        {isExpired ? (
          <div className="cart-line__expired" role="status">
            <p>
              <strong>{t('cartLine.expiredTitle')}</strong> {t('cartLine.expiredUnits', { count: line.quantity })}{' '}
              {t('cartLine.holdAgainHint', { count: HOLD_MINUTES })}
            </p>
            <quantityFetcher.Form method="post" action={cartPath} preventScrollReset>
              <input type="hidden" name="intent" value="set" />
              <input type="hidden" name="productId" value={line.productId} />
              <input type="hidden" name="quantity" value={line.quantity} />
              <button type="submit" className="button button--small" aria-disabled={quantityFetcher.state !== 'idle' || undefined}>
                <Trans
                  t={t}
                  i18nKey={quantityFetcher.state !== 'idle' ? 'cartLine.holding' : 'cartLine.holdAgain'}
                  values={name}
                  components={{ hidden }}
                  {...nameSafe}
                />
              </button>
            </quantityFetcher.Form>
          </div>
        ) : (
          <>
            <quantityFetcher.Form method="post" action={cartPath} className="cart-line__quantity" preventScrollReset>
              <input type="hidden" name="intent" value="set" />
              <input type="hidden" name="productId" value={line.productId} />
              <label htmlFor={inputId}>
                <Trans t={t} i18nKey="cartLine.quantity" values={name} components={{ hidden }} {...nameSafe} />
              </label>
              {/* Enter in the field submits the form's first submit button: make that the plain
                  "update" (the typed quantity), not the decrease stepper. */}
              <button type="submit" hidden tabIndex={-1} aria-hidden="true" />
              <div className="quantity-stepper">
                <button type="submit" name="stepTo" value={Math.max(quantity - 1, 0)} className="quantity-stepper__button">
                  <span aria-hidden="true">−</span>
                  <span className="visually-hidden">{t('cartLine.decrease', name)}</span>
                </button>
                <input
                  // Remount whenever the quantity to show changes: the in-flight one while a change
                  // is pending, then the held one. A refused change therefore snaps back to what the
                  // database holds, whatever was typed or stepped to.
                  key={`${quantity}-${line.expiresAt}`}
                  id={inputId}
                  name="quantity"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={1000}
                  defaultValue={quantity}
                  required
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? errorId : undefined}
                />
                <button type="submit" name="stepTo" value={quantity + 1} className="quantity-stepper__button">
                  <span aria-hidden="true">+</span>
                  <span className="visually-hidden">{t('cartLine.increase', name)}</span>
                </button>
              </div>
              <button type="submit" className="button button--small button--outline">
                <Trans
                  t={t}
                  i18nKey={quantityFetcher.state !== 'idle' ? 'cartLine.updating' : 'cartLine.update'}
                  values={name}
                  components={{ hidden }}
                  {...nameSafe}
                />
              </button>
            </quantityFetcher.Form>
            <HoldCountdown remaining={remaining} expiresAt={line.expiresAt} />
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
          <Trans
            t={t}
            i18nKey="cartLine.lineTotal"
            values={{ total: format.cents(toCents(line.unitPrice) * quantity) }}
            components={{ hidden }}
          />
        </p>
        <removeFetcher.Form method="post" action={cartPath} preventScrollReset>
          <input type="hidden" name="intent" value="remove" />
          <input type="hidden" name="productId" value={line.productId} />
          <button type="submit" className="link-button cart-line__remove">
            <Trans t={t} i18nKey="cartLine.remove" values={name} components={{ hidden }} {...nameSafe} />
          </button>
        </removeFetcher.Form>
      </div>
    </li>
  );
}

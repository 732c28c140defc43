// /cart: the shopper's held products. The action is where every cart change lands (the product
// page's "Add to cart", this page's quantity editors, no-JS forms): someone without a session
// becomes a guest (anonymous user) first, then reserve_stock decides how many units they get.
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useFetchers, useLoaderData, useSearchParams } from '@remix-run/react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from '~/i18n/react';
import { CartLineItem, readPendingQuantity } from '~/components/cart/cart-line-item';
import { HOLD_MINUTES } from '~/components/cart/hold-countdown';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { createCartActionSchema } from '~/utils/cart-schema';
import { previewOrderTotals, SHIPPING_CENTS } from '~/utils/money';
import { OrderTotals } from '~/components/cart/order-totals';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { MovedCartNotice } from '~/components/cart/moved-cart-notice';
import cartStylesHref from '~/styles/cart.css';
import {
  fixedT,
  pageTitle,
  pageLocale,
  findCartLine,
  getCartLines,
  getHeldQuantity,
  reserveStock,
  readMovedCart,
  ensureShopperSession,
  getSignedInUser,
  readFormData,
} from '~/server-deps/cart-page.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  // Looking at the cart never creates a guest: only putting something in it does.
  const { supabase, headers, user } = await getSignedInUser(request);
  const now = new Date();
  const lines = user ? await getCartLines(supabase, user.id, locale, now) : [];
  const title = pageTitle(locale, fixedT(locale, 'cart')('cart.title'));
  // What a sign-in just brought over from the guest's cart, told once.
  const movedCart = await readMovedCart(request);
  if (movedCart.clear) headers.append('Set-Cookie', movedCart.clear);
  const signInPath = user && !user.isAnonymous ? null : `${localizedPath(locale, '/login')}?${new URLSearchParams({ redirectTo: localizedPath(locale, '/cart') })}`;
  return json({ lines, serverNow: now.toISOString(), title, movedLines: user && !user.isAnonymous ? movedCart.lines : null, signInPath }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'cart');
  const formData = await readFormData(request);
  const fields = Object.fromEntries(formData);
  // A -/+ stepper posts the quantity it asks for as `stepTo`, next to the typed field (which may
  // hold anything): the pressed button is what the shopper asked for.
  if (typeof fields.stepTo === 'string') fields.quantity = fields.stepTo;
  const parsed = createCartActionSchema(t).safeParse(fields);
  const postedProductId = typeof formData.get('productId') === 'string' ? String(formData.get('productId')) : null;
  if (!parsed.success) {
    return json({ error: { productId: postedProductId, message: parsed.error.issues[0]?.message ?? t('cart.checkQuantity') } }, { status: 400 });
  }
  const change = parsed.data;

  const session = await ensureShopperSession(request);
  const { supabase, headers } = session;
  if (!session.ok) {
    const message = fixedT(locale, 'errors')(`session.${session.problem}`);
    return json({ error: { productId: change.productId, message } }, { status: session.problem === 'rate_limited' ? 429 : 503, headers });
  }

  // The cart page's forms change lines it showed; a line removed meanwhile (another tab) stays
  // removed, and the shopper is told, instead of the stale form holding it again.
  if (change.intent === 'set' && change.quantity > 0 && (await findCartLine(supabase, session.user.id, change.productId)) === null) {
    // A redirect, not an error on the line: the line is gone, so the page itself says it (a
    // fetcher follows the redirect as a navigation, a no-JS form as well).
    return redirect(localizedPath(locale, '/cart?stale=removed'), { headers });
  }

  // "Add" adds to what is already held; the cart page sets exact quantities.
  const quantity =
    change.intent === 'remove'
      ? 0
      : change.intent === 'add'
        ? (await getHeldQuantity(supabase, session.user.id, change.productId)) + change.quantity
        : change.quantity;
  const result = await reserveStock(supabase, change.productId, quantity);
  if (!result.ok) {
    // A 5xx would show the error page; the shopper gets a sentence on the cart instead (503).
    const status = httpStatusOf(result.error);
    if (status >= 500) console.error('reserve_stock failed', result.error);
    return json({ error: { productId: change.productId, message: describeRpcError(result.error, fixedT(locale, 'errors')) } }, { status, headers });
  }
  const target = change.intent === 'add' ? `/cart?${new URLSearchParams({ added: change.productId })}` : '/cart';
  return redirect(localizedPath(locale, target), { headers });
}

export default function CartPage() {
  const { lines, serverNow, movedLines, signInPath } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const fetchers = useFetchers();
  const { t } = useTranslation('cart');
  const format = useFormat();
  const to = useLocalizedPath();
  // Holds that ran out while the page was open (the countdown reached zero), by product and
  // expiry: holding again gives the line a new expiry, and with it a live countdown.
  const [expiredHere, setExpiredHere] = useState<ReadonlySet<string>>(new Set());
  const markExpired = useCallback((holdKey: string) => {
    setExpiredHere((previous) => (previous.has(holdKey) ? previous : new Set(previous).add(holdKey)));
  }, []);

  const shownLines = useMemo(
    () => lines.map((line) => ({ ...line, isExpired: line.isExpired || expiredHere.has(`${line.productId}@${line.expiresAt}`) })),
    [lines, expiredHere],
  );

  // Optimistic totals: quantities being changed right now count with their new value.
  const pendingByProduct = new Map<string, number>();
  for (const fetcher of fetchers) {
    const productId = fetcher.formData?.get('productId');
    const pending = readPendingQuantity(fetcher.formData);
    if (typeof productId === 'string' && pending !== null) pendingByProduct.set(productId, pending);
  }
  const heldLines = shownLines
    .filter((line) => !line.isExpired)
    .map((line) => ({ unitPrice: line.unitPrice, quantity: pendingByProduct.get(line.productId) ?? line.quantity }))
    .filter((line) => line.quantity > 0);
  const totals = previewOrderTotals(heldLines);
  const expiredCount = shownLines.filter((line) => line.isExpired).length;

  const lineError = actionData?.error && lines.some((line) => line.productId === actionData.error.productId) ? actionData.error : null;
  const pageError = actionData?.error && !lineError ? actionData.error.message : null;

  const addedId = searchParams.get('added');
  const added = addedId ? lines.find((line) => line.productId === addedId) : undefined;

  return (
    <section className="container cart-page" aria-labelledby="cart-title">
      <h1 id="cart-title">{t('cart.title')}</h1>
      {/* A refusal for a line on the page is shown on that line; anything else here. */}
      <div role="alert" className={pageError ? 'form-errors' : undefined} data-testid="cart-error">
        {pageError ? <p>{pageError}</p> : null}
      </div>
      <div role="status" className={added && !actionData ? 'cart-notice' : undefined}>
        {added && !actionData ? <p tabIndex={-1} data-focus-on-arrival="">{t('cart.added', { name: added.name, count: HOLD_MINUTES })}</p> : null}
      </div>
      {movedLines ? <MovedCartNotice lines={movedLines} /> : null}
      {searchParams.get('stale') === 'removed' && !actionData ? (
        <div role="status" className="cart-notice" data-testid="cart-stale">
          <p>{t('cart.lineRemoved')}</p>
        </div>
      ) : null}
      {signInPath && shownLines.length > 0 ? (
        <p className="cart-sign-in">
          <Link to={signInPath}>{t('cart.signInKeepsCart')}</Link>
        </p>
      ) : null}

      {shownLines.length === 0 ? (
        <div className="cart-empty">
          <p>{t('cart.empty')}</p>
          <p>
            <Link className="button" to={to('/')}>
              {t('cart.continueShopping')}
            </Link>
          </p>
        </div>
      ) : (
        <div className="cart-layout">
          <ul className="cart-lines" aria-label={t('cart.linesLabel')}>
            {shownLines.map((line) => (
              <CartLineItem
                key={line.productId}
                line={line}
                serverNow={serverNow}
                onExpire={markExpired}
                pageError={lineError?.productId === line.productId ? lineError.message : null}
              />
            ))}
          </ul>
          <aside className="cart-summary" aria-labelledby="cart-summary-title">
            <h2 id="cart-summary-title">{t('cart.summary')}</h2>
            <OrderTotals totals={totals} label={t('cart.totalsLabel')} />
            <p className="muted cart-summary__note">
              {t('cart.note', { shipping: format.cents(SHIPPING_CENTS), count: HOLD_MINUTES })}
            </p>
            {expiredCount > 0 ? (
              <p className="cart-summary__warning">{t('cart.expiredWarning', { count: expiredCount })}</p>
            ) : null}
            {heldLines.length > 0 ? (
              <Link className="button cart-summary__checkout" to={to('/checkout')}>
                {t('cart.checkout')}
              </Link>
            ) : (
              <p>{t('cart.holdToCheckOut')}</p>
            )}
          </aside>
        </div>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

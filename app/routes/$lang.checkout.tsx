// /checkout: the shopper's details and payment, then place_order turns their unexpired holds
// into one order. Each visit to this page is one checkout attempt with its own idempotency key
// (a hidden field); resubmitting the same form after an error or a lost response reuses it, so
// the database returns the order it may already have created instead of charging stock twice.
// The form is checked on the server only (no zod in the browser, see form-reply.tsx): a refused
// submit comes back with an error summary on top and a message on each field. A shopper with an
// earlier order finds the form filled in with that order's details (their last address).
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
// Only the loader uses the rules module: the page gets the limits and names in its data, which
// keeps the country list and its naming code out of the page's JavaScript.
import { CHECKOUT_LIMITS, isShippingCountry, shippingCountryOptions } from '~/utils/checkout-rules';
import { asFormReply, ErrorSummary, fieldErrors, fieldId, fieldValue, type FormReply } from '~/components/form-reply';
import { previewOrderTotals, toCents } from '~/utils/money';
import { OrderTotals } from '~/components/cart/order-totals';
import { HoldCountdown, useHoldRemaining } from '~/components/cart/hold-countdown';
import { describeRpcError, httpStatusOf, mapCheckoutError } from '~/utils/rpc-errors';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, SelectField, SubmitButton, useIsHydrated, useIsSubmitting } from '~/components/forms';
import cartStylesHref from '~/styles/cart.css';
import {
  fixedT,
  pageTitle,
  pageLocale,
  parseCheckoutForm,
  toPlaceOrderArgs,
  getLastAddress,
  getCartLines,
  reserveStock,
  placeOrder,
  getSignedInUser,
  saveOwnLocale,
  readFormData,
} from '~/server-deps/checkout-page.server';

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cartStylesHref }];

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

// Never echoed back: a PIN must not sit in the page after a failed attempt.
const HIDDEN_FIELDS = ['emoneyPin'];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers, user } = await getSignedInUser(request);
  const now = new Date();
  const allLines = user ? await getCartLines(supabase, user.id, locale, now) : [];
  const lines = allLines.filter((line) => !line.isExpired);
  const expired = allLines.filter((line) => line.isExpired);
  const lastAddress = user ? await getLastAddress(supabase, user.id) : null;
  return json(
    {
      lines: lines.map(({ productId, name, unitPrice, quantity }) => ({ productId, name, unitPrice, quantity })),
      // The first hold to run out decides how long the order can still be placed as it is.
      holdsEndAt: lines.length > 0 ? lines.map((line) => line.expiresAt).sort()[0] : null,
      expiredLines: expired.map(({ productId, name, quantity, expiresAt }) => ({ productId, name, quantity, expiresAt })),
      serverNow: now.toISOString(),
      totals: previewOrderTotals(lines),
      // A fresh key per page view = per checkout attempt.
      idempotencyKey: crypto.randomUUID(),
      email: user && !user.isAnonymous ? user.email : null,
      // A last order to a country we no longer ship to starts with no country chosen.
      lastAddress: lastAddress && { ...lastAddress, country: isShippingCountry(lastAddress.country) ? lastAddress.country : '' },
      limits: CHECKOUT_LIMITS,
      // Named on the server, so the server's and the browser's renders agree word for word.
      countries: shippingCountryOptions(locale),
      title: pageTitle(locale, fixedT(locale, 'cart')('checkout.title')),
    },
    { headers },
  );
}

interface CheckoutActionData {
  result: FormReply;
  cartProblem: boolean;
  /** Holds ran out before the order was placed: the page offers to hold them again and place it. */
  holdsExpired?: boolean;
}

/**
 * "Hold again and place the order": the expired lines are held again with the quantities they
 * had (reserve_stock decides, as always); what cannot be held again is named, and nothing is
 * ordered then, so the shopper decides with the cart in front of them.
 */
async function holdExpiredLinesAgain(supabase: Parameters<typeof reserveStock>[0], userId: string, locale: ReturnType<typeof pageLocale>): Promise<string[]> {
  const expired = (await getCartLines(supabase, userId, locale)).filter((line) => line.isExpired);
  const refused: string[] = [];
  for (const line of expired) {
    const held = await reserveStock(supabase, line.productId, line.quantity);
    if (!held.ok || (held.data.quantity ?? 0) < line.quantity) refused.push(line.name);
  }
  return refused;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const errorsT = fixedT(locale, 'errors');
  const { supabase, headers, user } = await getSignedInUser(request);
  const formData = await readFormData(request, headers);
  const submission = parseCheckoutForm(formData, locale);
  if (submission.status !== 'success') {
    // The key is a hidden field: its problem (a stale or tampered form) belongs to the whole form.
    const staleKey = submission.error?.idempotencyKey ?? undefined;
    return json<CheckoutActionData>(
      { result: submission.reply({ hideFields: HIDDEN_FIELDS, formErrors: staleKey ? [...staleKey] : undefined }), cartProblem: false },
      { status: 400, headers },
    );
  }
  if (!user) {
    // No session means no holds: whatever was in the cart is gone with it.
    return json<CheckoutActionData>(
      { result: submission.reply({ formErrors: [describeRpcError({ hint: 'cart_empty' }, errorsT)], hideFields: HIDDEN_FIELDS }), cartProblem: true },
      { status: 422, headers },
    );
  }

  // A hold that ran out while the form was filled in would silently drop its line from the
  // order: ask first (the page offers to hold it again and place the order in one step).
  if (formData.get('intent') !== 'hold-again' && (await getCartLines(supabase, user.id, locale)).some((line) => line.isExpired)) {
    return json<CheckoutActionData>(
      { result: submission.reply({ hideFields: HIDDEN_FIELDS }), cartProblem: false, holdsExpired: true },
      { status: 409, headers },
    );
  }
  if (formData.get('intent') === 'hold-again') {
    const refused = await holdExpiredLinesAgain(supabase, user.id, locale);
    if (refused.length > 0) {
      const message = fixedT(locale, 'cart')('checkout.couldNotHoldAgain', { names: refused.join(', ') });
      return json<CheckoutActionData>(
        { result: submission.reply({ formErrors: [message], hideFields: HIDDEN_FIELDS }), cartProblem: true },
        { status: 409, headers },
      );
    }
  }

  // The order mails are written in profiles.locale: the language this checkout is in.
  const localeSaved = await saveOwnLocale(supabase, user.id, locale);
  if (!localeSaved.ok) console.error('[checkout] could not save the mail language:', localeSaved.error);
  const placed = await placeOrder(supabase, toPlaceOrderArgs(submission.value));
  if (!placed.ok) {
    const mapped = mapCheckoutError(placed.error, errorsT);
    const status = httpStatusOf(placed.error);
    if (status >= 500) console.error('place_order failed', placed.error);
    const fieldErrors = Object.fromEntries(Object.entries(mapped.fieldErrors).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])));
    return json<CheckoutActionData>(
      { result: submission.reply({ fieldErrors, formErrors: mapped.formErrors, hideFields: HIDDEN_FIELDS }), cartProblem: mapped.cartProblem },
      { status, headers },
    );
  }
  return redirect(localizedPath(locale, `/orders/${placed.data.id}?placed=1`), { headers });
}

const FORM_ID = 'checkout-form';
const PAYMENT_METHODS = ['emoney', 'cash'] as const;

export default function CheckoutPage() {
  const { lines, totals, idempotencyKey, email, lastAddress, limits, countries, holdsEndAt, expiredLines, serverNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const reply = asFormReply(actionData?.result);
  const { t } = useTranslation('cart');
  const { t: errorsT } = useTranslation('errors');
  const format = useFormat();
  const to = useLocalizedPath();
  const isPending = useIsSubmitting(to('/checkout'));
  const isHydrated = useIsHydrated();
  const [paymentMethod, setPaymentMethod] = useState(fieldValue(reply, 'paymentMethod') ?? 'emoney');

  useEffect(() => {
    if (!actionData) return;
    // The server never sends the PIN back; clear what the browser still shows, too.
    const pin = document.getElementById(fieldId(FORM_ID, 'emoneyPin'));
    if (pin instanceof HTMLInputElement) pin.value = '';
  }, [actionData]);

  if (lines.length === 0 && expiredLines.length === 0 && !actionData) {
    return (
      <section className="container checkout-page" aria-labelledby="checkout-title">
        <h1 id="checkout-title">{t('checkout.title')}</h1>
        {/* The catalogue's sentence for cart_empty, named directly: going through rpc-errors here
            would put the whole error catalogue into every page's JavaScript. */}
        <p>{errorsT('catalogue.cart_empty')}</p>
        <p>
          <Link className="button" to={to('/cart')}>
            {t('checkout.goToCart')}
          </Link>
        </p>
      </section>
    );
  }

  // What the form starts with: what was typed (a refused submit without JavaScript), else the
  // last order's details, else the account's email.
  const startingValues: Record<string, string | null | undefined> = { ...lastAddress, email: email ?? lastAddress?.email };
  const valueOf = (name: string) => (reply ? (fieldValue(reply, name) ?? '') : (startingValues[name] ?? ''));
  const inputProps = (name: string, type: string, autoComplete: string, maxLength?: number) => ({
    id: fieldId(FORM_ID, name),
    name,
    type,
    autoComplete,
    maxLength,
    defaultValue: valueOf(name),
  });
  const label = {
    name: t('checkout.name'),
    email: t('checkout.email'),
    phone: t('checkout.phone'),
    address: t('checkout.address'),
    zip: t('checkout.zip'),
    city: t('checkout.city'),
    country: t('checkout.country'),
    paymentMethod: t('checkout.paymentMethod'),
    emoneyNumber: t('checkout.emoneyNumber'),
    emoneyPin: t('checkout.emoneyPin'),
  };
  const summaryFields = Object.entries(label).map(([name, text]) => ({ name, label: text }));
  const paymentErrors = fieldErrors(reply, 'paymentMethod');
  const paymentErrorId = `${fieldId(FORM_ID, 'paymentMethod')}-error`;
  // Without JavaScript both e-money fields stay visible (and are ignored for cash).
  const hideEmoney = isHydrated && paymentMethod !== 'emoney';
  const holdsOut = expiredLines.length > 0 || actionData?.holdsExpired;

  return (
    <section className="container checkout-page" aria-labelledby="checkout-title">
      <p>
        <Link className="text-link" to={to('/cart')}>
          {t('checkout.backToCart')}
        </Link>
      </p>
      <h1 id="checkout-title">{t('checkout.title')}</h1>
      <div className="checkout-layout">
        <Form method="post" className="checkout-form" id={FORM_ID} noValidate>
          <ErrorSummary reply={reply} formId={FORM_ID} title={t('checkout.summaryTitle')} fields={summaryFields} />
          {actionData?.cartProblem ? (
            <p>
              <Trans t={t} i18nKey="checkout.cartProblem" components={{ anchor: <Link to={to('/cart')} /> }} />
            </p>
          ) : null}
          {holdsEndAt ? <CheckoutHoldCountdown holdsEndAt={holdsEndAt} serverNow={serverNow} /> : null}
          {holdsOut ? (
            <div className="checkout-expired" role="alert" data-testid="holds-expired">
              <p>{t('checkout.holdsExpired', { count: Math.max(expiredLines.length, 1), names: expiredLines.map((line) => line.name).join(', ') })}</p>
              <p className="muted">{t('checkout.holdAgainHint')}</p>
            </div>
          ) : null}
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {lastAddress && !reply ? (
            <p className="muted checkout-last-address" data-testid="last-address">
              {t('checkout.lastAddress')}
            </p>
          ) : null}

          <fieldset>
            <legend>{t('checkout.billingDetails')}</legend>
            <div className="field-row">
              <Field
                label={label.name}
                inputProps={{ ...inputProps('name', 'text', 'name', limits.nameMax), required: true }}
                errors={fieldErrors(reply, 'name')}
              />
              <Field
                label={label.email}
                inputProps={{ ...inputProps('email', 'email', 'email', limits.emailMax), required: true }}
                errors={fieldErrors(reply, 'email')}
              />
            </div>
            <Field label={label.phone} inputProps={inputProps('phone', 'tel', 'tel', 30)} errors={fieldErrors(reply, 'phone')} />
          </fieldset>

          <fieldset>
            <legend>{t('checkout.shippingInfo')}</legend>
            <Field
              label={label.address}
              inputProps={{ ...inputProps('address', 'text', 'street-address', limits.addressMax), required: true }}
              errors={fieldErrors(reply, 'address')}
            />
            <div className="field-row">
              <Field
                label={label.zip}
                inputProps={{ ...inputProps('zip', 'text', 'postal-code', limits.zipMax), required: true }}
                errors={fieldErrors(reply, 'zip')}
              />
              <Field
                label={label.city}
                inputProps={{ ...inputProps('city', 'text', 'address-level2', limits.cityMax), required: true }}
                errors={fieldErrors(reply, 'city')}
              />
            </div>
            <SelectField
              label={label.country}
              selectProps={{ id: fieldId(FORM_ID, 'country'), name: 'country', autoComplete: 'country', required: true, defaultValue: valueOf('country') }}
              options={[{ value: '', label: t('checkout.countryChoose') }, ...countries]}
              errors={fieldErrors(reply, 'country')}
            />
          </fieldset>

          <fieldset aria-describedby={paymentErrors ? paymentErrorId : undefined}>
            <legend>{label.paymentMethod}</legend>
            <div className="payment-options">
              {PAYMENT_METHODS.map((value, index) => (
                <label key={value} className="payment-option">
                  <input
                    // The first option carries the id the summary links to.
                    id={index === 0 ? fieldId(FORM_ID, 'paymentMethod') : undefined}
                    type="radio"
                    name="paymentMethod"
                    value={value}
                    defaultChecked={paymentMethod === value}
                    onChange={() => setPaymentMethod(value)}
                    aria-invalid={paymentErrors ? true : undefined}
                  />
                  {t(`paymentMethod.${value}`)}
                </label>
              ))}
            </div>
            {paymentErrors ? (
              <p id={paymentErrorId} className="error-list">
                {paymentErrors[0]}
              </p>
            ) : null}
            <div className="field-row" hidden={hideEmoney} data-testid="emoney-fields">
              <Field
                label={label.emoneyNumber}
                hint={t('checkout.emoneyNumberHint')}
                inputProps={{ ...inputProps('emoneyNumber', 'text', 'off'), inputMode: 'numeric' }}
                errors={fieldErrors(reply, 'emoneyNumber')}
              />
              <Field
                label={label.emoneyPin}
                hint={t('checkout.emoneyPinHint')}
                inputProps={{ ...inputProps('emoneyPin', 'password', 'off', 4), inputMode: 'numeric' }}
                errors={fieldErrors(reply, 'emoneyPin')}
              />
            </div>
            {hideEmoney ? <p className="muted">{t('checkout.cashHint')}</p> : null}
          </fieldset>

          {holdsOut ? (
            <button type="submit" name="intent" value="hold-again" className="button" aria-disabled={isPending || undefined}>
              {isPending ? t('checkout.submitting') : t('checkout.holdAgainAndPlace')}
            </button>
          ) : (
            <SubmitButton isPending={isPending} pendingLabel={t('checkout.submitting')}>
              {t('checkout.submit')}
            </SubmitButton>
          )}
        </Form>

        <aside className="checkout-summary" aria-labelledby="checkout-summary-title">
          <h2 id="checkout-summary-title">{t('checkout.summary')}</h2>
          <ul className="summary-lines">
            {lines.map((line) => (
              <li key={line.productId}>
                <span>
                  {line.name} <span className="muted">{t('checkout.lineQuantity', { quantity: format.number(line.quantity) })}</span>
                </span>
                <span>{format.cents(toCents(line.unitPrice) * line.quantity)}</span>
              </li>
            ))}
          </ul>
          {lines.length === 0 ? (
            <p>
              <Trans t={t} i18nKey="checkout.nothingHeld" components={{ anchor: <Link to={to('/cart')} /> }} />
            </p>
          ) : (
            <>
              <OrderTotals totals={totals} />
              <p className="muted cart-summary__note">{t('checkout.finalAmounts')}</p>
            </>
          )}
        </aside>
      </div>
    </section>
  );
}

/** How long the order can still be placed as it is: the first hold's time left, live. */
function CheckoutHoldCountdown({ holdsEndAt, serverNow }: { holdsEndAt: string; serverNow: string }) {
  const remaining = useHoldRemaining(holdsEndAt, serverNow);
  return (
    <div className="checkout-countdown" data-testid="checkout-countdown">
      <HoldCountdown remaining={remaining} expiresAt={holdsEndAt} />
    </div>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

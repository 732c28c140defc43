// /checkout: the shopper's details and payment, then place_order turns their unexpired holds
// into one order. Each visit to this page is one checkout attempt with its own idempotency key
// (a hidden field); resubmitting the same form after an error or a lost response reuses it, so
// the database returns the order it may already have created instead of charging stock twice.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { createCheckoutFormSchema, CHECKOUT_LIMITS, toPlaceOrderArgs } from '~/utils/checkout-schema';
import { previewOrderTotals, toCents } from '~/utils/money';
import { OrderTotals } from '~/components/cart/order-totals';
import { HoldCountdown, useHoldRemaining } from '~/components/cart/hold-countdown';
import { describeRpcError, httpStatusOf, mapCheckoutError } from '~/utils/rpc-errors';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { getCartLines, reserveStock } from '~/models/cart.server';
import { placeOrder } from '~/models/order.server';
import cartStylesHref from '~/styles/cart.css';
import { getSignedInUser } from '~/utils/auth.server';
import { saveOwnLocale } from '~/models/profile.server';
import { readFormData } from '~/utils/form-data.server';

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
      title: pageTitle(locale, fixedT(locale, 'cart')('checkout.title')),
    },
    { headers },
  );
}

interface CheckoutActionData {
  result: SubmissionResult<string[]>;
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
  const submission = parseWithZod(formData, { schema: createCheckoutFormSchema(fixedT(locale, 'cart')) });
  if (submission.status !== 'success') {
    return json<CheckoutActionData>({ result: submission.reply({ hideFields: HIDDEN_FIELDS }), cartProblem: false }, { status: 400, headers });
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

/** Moves focus to the first field marked invalid, so keyboard and screen reader users land on it. */
function focusFirstInvalidField(formId: string): void {
  const field = document.getElementById(formId)?.querySelector<HTMLElement>('[aria-invalid="true"]');
  field?.focus();
}

const subscribeToNothing = () => () => {};

/** False in the server render and the first browser render, true once React runs in the browser. */
function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

export default function CheckoutPage() {
  const { lines, totals, idempotencyKey, email, holdsEndAt, expiredLines, serverNow } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('cart');
  const { t: errorsT } = useTranslation('errors');
  const format = useFormat();
  const to = useLocalizedPath();
  const schema = useMemo(() => createCheckoutFormSchema(t), [t]);
  const isPending = useIsSubmitting(to('/checkout'));
  const isHydrated = useIsHydrated();
  const formErrorsRef = useRef<HTMLDivElement>(null);
  const [form, fields] = useForm({
    id: 'checkout-form',
    lastResult: actionData?.result,
    defaultValue: { idempotencyKey, email: email ?? undefined, paymentMethod: 'emoney' },
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });

  // A problem with the cart (not with a field) has nowhere else to take focus.
  // Conform keeps form-level errors under the empty name; everything else is a field.
  const hasFieldErrors = Object.entries(form.allErrors).some(([name, errors]) => name !== '' && errors.length > 0);
  const hasOnlyFormErrors = Boolean(form.errors?.length) && !hasFieldErrors;
  useEffect(() => {
    if (!actionData) return;
    // The server never sends the PIN back; clear what the browser still shows, too.
    // Straight on the element: going through the form's state would re-validate and replace
    // the server's message with the "enter your PIN" one.
    const pin = document.getElementById(fields.emoneyPin.id);
    if (pin instanceof HTMLInputElement) pin.value = '';
    if (hasOnlyFormErrors) formErrorsRef.current?.focus();
    else focusFirstInvalidField(form.id);
    // Only a new answer from the server should run this, not every render of the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [actionData]);

  if (lines.length === 0 && expiredLines.length === 0 && !actionData) {
    return (
      <section className="container checkout-page" aria-labelledby="checkout-title">
        <h1 id="checkout-title">{t('checkout.title')}</h1>
        <p>{describeRpcError({ hint: 'cart_empty' }, errorsT)}</p>
        <p>
          <Link className="button" to={to('/cart')}>
            {t('checkout.goToCart')}
          </Link>
        </p>
      </section>
    );
  }

  const formProps = getFormProps(form);
  const paymentMethod = fields.paymentMethod.value ?? fields.paymentMethod.initialValue ?? 'emoney';
  // Without JavaScript both e-money fields stay visible (and are ignored for cash).
  const hideEmoney = isHydrated && paymentMethod !== 'emoney';

  return (
    <section className="container checkout-page" aria-labelledby="checkout-title">
      <p>
        <Link className="text-link" to={to('/cart')}>
          {t('checkout.backToCart')}
        </Link>
      </p>
      <h1 id="checkout-title">{t('checkout.title')}</h1>
      <div className="checkout-layout">
        <Form
          method="post"
          className="checkout-form"
          {...formProps}
          onSubmit={(event) => {
            formProps.onSubmit(event);
            // Refused in the browser: the errors render on the next frame; take the person there.
            if (event.defaultPrevented) requestAnimationFrame(() => focusFirstInvalidField(form.id));
          }}
        >
          <div ref={formErrorsRef} tabIndex={-1}>
            <FormErrors id={form.errorId} errors={form.errors} />
          </div>
          {actionData?.cartProblem ? (
            <p>
              <Trans t={t} i18nKey="checkout.cartProblem" components={{ anchor: <Link to={to('/cart')} /> }} />
            </p>
          ) : null}
          {holdsEndAt ? <CheckoutHoldCountdown holdsEndAt={holdsEndAt} serverNow={serverNow} /> : null}
          {expiredLines.length > 0 || actionData?.holdsExpired ? (
            <div className="checkout-expired" role="alert" data-testid="holds-expired">
              <p>{t('checkout.holdsExpired', { count: Math.max(expiredLines.length, 1), names: expiredLines.map((line) => line.name).join(', ') })}</p>
              <p className="muted">{t('checkout.holdAgainHint')}</p>
            </div>
          ) : null}
          <input {...getInputProps(fields.idempotencyKey, { type: 'hidden' })} />

          <fieldset>
            <legend>{t('checkout.billingDetails')}</legend>
            <div className="field-row">
              <Field
                label={t('checkout.name')}
                inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name', maxLength: CHECKOUT_LIMITS.nameMax }}
                errors={fields.name.errors}
              />
              <Field
                label={t('checkout.email')}
                inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email', maxLength: CHECKOUT_LIMITS.emailMax }}
                errors={fields.email.errors}
              />
            </div>
            <Field
              label={t('checkout.phone')}
              inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel', maxLength: 20 }}
              errors={fields.phone.errors}
            />
          </fieldset>

          <fieldset>
            <legend>{t('checkout.shippingInfo')}</legend>
            <Field
              label={t('checkout.address')}
              inputProps={{ ...getInputProps(fields.address, { type: 'text' }), autoComplete: 'street-address', maxLength: CHECKOUT_LIMITS.addressMax }}
              errors={fields.address.errors}
            />
            <div className="field-row">
              <Field
                label={t('checkout.zip')}
                inputProps={{ ...getInputProps(fields.zip, { type: 'text' }), autoComplete: 'postal-code', maxLength: CHECKOUT_LIMITS.zipMax }}
                errors={fields.zip.errors}
              />
              <Field
                label={t('checkout.city')}
                inputProps={{ ...getInputProps(fields.city, { type: 'text' }), autoComplete: 'address-level2', maxLength: CHECKOUT_LIMITS.cityMax }}
                errors={fields.city.errors}
              />
            </div>
            <Field
              label={t('checkout.country')}
              inputProps={{ ...getInputProps(fields.country, { type: 'text' }), autoComplete: 'country-name', maxLength: CHECKOUT_LIMITS.countryMax }}
              errors={fields.country.errors}
            />
          </fieldset>

          <fieldset aria-describedby={fields.paymentMethod.errors ? fields.paymentMethod.errorId : undefined}>
            <legend>{t('checkout.paymentMethod')}</legend>
            <div className="payment-options">
              {(['emoney', 'cash'] as const).map((value) => (
                <label key={value} className="payment-option">
                  <input
                    type="radio"
                    name={fields.paymentMethod.name}
                    value={value}
                    defaultChecked={(fields.paymentMethod.initialValue ?? 'emoney') === value}
                    aria-invalid={fields.paymentMethod.errors ? true : undefined}
                  />
                  {t(`paymentMethod.${value}`)}
                </label>
              ))}
            </div>
            {fields.paymentMethod.errors ? (
              <p id={fields.paymentMethod.errorId} className="error-list">
                {fields.paymentMethod.errors[0]}
              </p>
            ) : null}
            <div className="field-row" hidden={hideEmoney} data-testid="emoney-fields">
              <Field
                label={t('checkout.emoneyNumber')}
                hint={t('checkout.emoneyNumberHint')}
                inputProps={{ ...getInputProps(fields.emoneyNumber, { type: 'text' }), inputMode: 'numeric', autoComplete: 'off' }}
                errors={fields.emoneyNumber.errors}
              />
              <Field
                label={t('checkout.emoneyPin')}
                hint={t('checkout.emoneyPinHint')}
                inputProps={{ ...getInputProps(fields.emoneyPin, { type: 'password' }), inputMode: 'numeric', autoComplete: 'off', maxLength: 4 }}
                errors={fields.emoneyPin.errors}
              />
            </div>
            {hideEmoney ? <p className="muted">{t('checkout.cashHint')}</p> : null}
          </fieldset>

          {expiredLines.length > 0 || actionData?.holdsExpired ? (
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

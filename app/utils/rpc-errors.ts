// What the database's refusals mean to the person in front of the form. The one module that
// maps them: by the error's name (its `hint`, listed in app/utils/error-catalogue.ts) and
// structured `details` (a field name, available=N, limit=N), never by message text. Models
// return { ok: false, error } with the PostgREST error as is; routes ask here for the sentence,
// the field and the HTTP status.
// Every refusal's sentence lives in the `errors` messages (app/locales/<locale>/errors.json),
// keyed by its catalogue name, so a database error reads in the page's language.
import type { TFunction } from 'i18next';
import { isErrorName, type ErrorName } from './error-catalogue';

/** The parts of a PostgrestError this module reads (PostgrestError fits). */
export interface RpcErrorLike {
  code?: string | null;
  message?: string | null;
  details?: string | null;
  hint?: string | null;
}

/** A model's answer for an RPC or write: the data, or the error as PostgREST sent it. */
export type RpcResult<T> = { ok: true; data: T } | { ok: false; error: RpcErrorLike };

/** supabase-js's `{ data, error }` as an RpcResult (for models that hand errors to routes). */
export function toRpcResult<T>({ data, error }: { data: T | null; error: RpcErrorLike | null }): RpcResult<T> {
  return error ? { ok: false, error } : { ok: true, data: data as T };
}

/** The translator errors are read with: `fixedT(locale, 'errors')` in actions, `useTranslation('errors').t` in components. */
export type ErrorsT = TFunction<'errors'>;

/** The refusal's name, when the database raised one of the catalogue's errors. */
export function errorNameOf(error: RpcErrorLike): ErrorName | null {
  return isErrorName(error.hint) ? error.hint : null;
}

/** `key=value` pairs of `details` (available=3, limit=5); a bare word is { field: word }. */
function parseDetails(details: string | null | undefined): Record<string, string> {
  const text = details?.trim() ?? '';
  const pairs = /^([a-z_]+)=([0-9a-z_]+)$/.exec(text);
  if (pairs) return { [pairs[1]]: pairs[2] };
  return /^[a-z_]+$/.test(text) ? { field: text } : {};
}

/** One sentence for any RPC or write error; unknown ones get the calm generic text. */
export function describeRpcError(error: RpcErrorLike, t: ErrorsT): string {
  const name = errorNameOf(error);
  if (name) {
    const details = parseDetails(error.details);
    if (name === 'hold_limit' && details.limit) return t('withDetails.hold_limit', { limit: details.limit });
    if (name === 'few_left' && details.available) return t('withDetails.few_left', { available: details.available });
    return t(`catalogue.${name}`);
  }
  if (error.code === '42501') return t('generic.notAllowed');
  if (error.code === '23514') return t('generic.invalidValue');
  return t('generic.unexpected');
}

/** The HTTP status an action answers with: the one PostgREST chose, or 503 for a 5xx. */
export function httpStatusOf(error: RpcErrorLike): number {
  const code = error.code ?? '';
  if (/^PT[1-5][0-9]{2}$/.test(code)) return Number(code.slice(2));
  if (code === '42501') return 403;
  if (/^2[23]/.test(code)) return 400;
  return 503;
}

export interface FormErrors<Field extends string = string> {
  fieldErrors: Partial<Record<Field, string[]>>;
  formErrors: string[];
}

/** A failed RPC → a form-level error (account pages, cancellations), as conform's reply takes it. */
export function toFormErrors(error: RpcErrorLike, t: ErrorsT): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  return { fieldErrors: {}, formErrors: [describeRpcError(error, t)] };
}

/** Checkout form fields, by the place_order argument they feed. */
const CHECKOUT_FIELD_BY_ARGUMENT = {
  customer_name: 'name',
  customer_email: 'email',
  customer_phone: 'phone',
  address: 'address',
  zip: 'zip',
  city: 'city',
  country: 'country',
  payment_method: 'paymentMethod',
  emoney_number: 'emoneyNumber',
  emoney_pin: 'emoneyPin',
} as const;

export type CheckoutField = (typeof CHECKOUT_FIELD_BY_ARGUMENT)[keyof typeof CHECKOUT_FIELD_BY_ARGUMENT];

export interface CheckoutErrors extends FormErrors<CheckoutField> {
  /** The fix lives in the cart (empty, expired or short): the page links there. */
  cartProblem: boolean;
}

/**
 * A failed place_order → the field it names (checkout_field_invalid, details = the argument;
 * that field's rule, in the page's language) or a form error.
 */
export function mapCheckoutError(error: RpcErrorLike, t: ErrorsT): CheckoutErrors {
  const name = errorNameOf(error);
  const argument = error.details?.trim() ?? '';
  if (name === 'checkout_field_invalid') {
    if (Object.hasOwn(CHECKOUT_FIELD_BY_ARGUMENT, argument)) {
      const field = CHECKOUT_FIELD_BY_ARGUMENT[argument as keyof typeof CHECKOUT_FIELD_BY_ARGUMENT];
      // The rule of the field (the same the form's zod checks first); the database's own
      // sentence is English and stays in its log.
      const message = t(`checkoutField.${argument as keyof typeof CHECKOUT_FIELD_BY_ARGUMENT}`);
      return { fieldErrors: { [field]: [message] }, formErrors: [], cartProblem: false };
    }
    // idempotency_key: the hidden field was tampered with or lost; a reload makes a new one.
    return { fieldErrors: {}, formErrors: [t('generic.staleCheckout')], cartProblem: false };
  }
  const cartProblem = name === 'cart_empty' || name === 'cart_stock_short';
  return { fieldErrors: {}, formErrors: [describeRpcError(error, t)], cartProblem };
}

/** check_invitation's reason (not_found, inactive, expired, used_up, rate_limited, required) → its sentence. */
export function describeInvitationReason(reason: string | null | undefined, t: ErrorsT): string {
  const name = `invite_${reason === 'rate_limited' ? 'checks_rate_limited' : (reason ?? 'not_found')}`;
  return isErrorName(name) ? describeRpcError({ hint: name }, t) : describeRpcError({ hint: 'invite_not_found' }, t);
}

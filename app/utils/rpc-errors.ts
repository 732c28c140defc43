// What the database's refusals mean to the person in front of the form. The one module that
// maps them: by the error's name (its `hint`, listed in app/utils/error-catalogue.ts) and
// structured `details` (a field name, available=N, limit=N), never by message text. Models
// return { ok: false, error } with the PostgREST error as is; routes ask here for the sentence,
// the field and the HTTP status.
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

export const GENERIC_MESSAGES = {
  unexpected: 'Something went wrong on our side. Please try again in a moment.',
  notAllowed: 'You are not allowed to change that.',
  invalidValue: 'One of the values is not allowed. Check the fields and try again.',
  staleCheckout: 'This checkout form is out of date. Reload the page and try again.',
} as const;

/** The sentence for each named refusal; those with a number read it from `details`. */
const MESSAGES: Record<ErrorName, string | ((details: Record<string, string>) => string)> = {
  sign_in_required: 'Your session has ended. Reload the page and try again.',
  admin_only: 'Only an admin can do that.',
  privileged_column: 'Only an admin can change a profile’s role or invitation.',
  order_status_admin_only: 'Only an admin can change an order’s status.',
  reason_required: 'Give a reason (at most 1000 characters).',
  role_invalid: 'A role must be consumer or admin.',
  account_not_found: 'No account has that id.',
  invite_required: 'An invite code is required to sign up right now.',
  invite_not_found: 'That invite code does not exist. Check it and try again.',
  invite_inactive: 'That invite code has been disabled.',
  invite_expired: 'That invite code has expired.',
  invite_used_up: 'That invite code has already been used.',
  invite_checks_rate_limited: 'Too many invite code checks. Wait a minute and try again.',
  metadata_too_large: 'Your account details are too large.',
  category_has_products: 'This category still has products. Move or delete them first.',
  quantity_invalid: 'Quantity must be a whole number between 0 and 1000.',
  hold_limit: ({ limit }) => (limit ? `You can hold at most ${limit} of a product at a time.` : 'You cannot hold that many of one product.'),
  product_not_found: 'This product does not exist (any more).',
  sold_out: 'Sorry, this product is sold out right now.',
  few_left: ({ available }) =>
    available ? `Only ${available} left. Lower the quantity to ${available} or less, or try again later.` : 'Only a few are left.',
  not_enough_stock: 'Not that many are available right now. Lower the quantity, or try again later.',
  checkout_field_invalid: 'Check this field.',
  cart_empty: 'Your cart is empty or its holds have expired. Add the products again to check out.',
  cart_stock_short: 'A product in your cart is no longer available in that quantity. Change the quantity in your cart.',
  order_not_found: 'Order not found.',
  order_already_cancelled: 'This order is already cancelled.',
  order_in_processing: 'This order is already being processed, so it can no longer be cancelled online. Contact support.',
  order_shipped: 'This order has been shipped and can no longer be cancelled.',
  order_transition_invalid: 'This order cannot move to that status.',
};

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
export function describeRpcError(error: RpcErrorLike): string {
  const name = errorNameOf(error);
  if (name) {
    const message = MESSAGES[name];
    return typeof message === 'function' ? message(parseDetails(error.details)) : message;
  }
  if (error.code === '42501') return GENERIC_MESSAGES.notAllowed;
  if (error.code === '23514') return GENERIC_MESSAGES.invalidValue;
  return GENERIC_MESSAGES.unexpected;
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
export function toFormErrors(error: RpcErrorLike): { fieldErrors: Record<string, string[]>; formErrors: string[] } {
  return { fieldErrors: {}, formErrors: [describeRpcError(error)] };
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
 * the database's sentence says what is wrong with it) or a form error.
 */
export function mapCheckoutError(error: RpcErrorLike): CheckoutErrors {
  const name = errorNameOf(error);
  const argument = error.details?.trim() ?? '';
  if (name === 'checkout_field_invalid') {
    if (Object.hasOwn(CHECKOUT_FIELD_BY_ARGUMENT, argument)) {
      const field = CHECKOUT_FIELD_BY_ARGUMENT[argument as keyof typeof CHECKOUT_FIELD_BY_ARGUMENT];
      // Field messages are the database's own per-field sentences (same rules as the form's zod).
      return { fieldErrors: { [field]: [error.message || describeRpcError(error)] }, formErrors: [], cartProblem: false };
    }
    // idempotency_key: the hidden field was tampered with or lost; a reload makes a new one.
    return { fieldErrors: {}, formErrors: [GENERIC_MESSAGES.staleCheckout], cartProblem: false };
  }
  const cartProblem = name === 'cart_empty' || name === 'cart_stock_short';
  return { fieldErrors: {}, formErrors: [describeRpcError(error)], cartProblem };
}

/** check_invitation's reason (not_found, inactive, expired, used_up, rate_limited, required) → its sentence. */
export function describeInvitationReason(reason: string | null | undefined): string {
  const name = `invite_${reason === 'rate_limited' ? 'checks_rate_limited' : (reason ?? 'not_found')}`;
  return isErrorName(name) ? describeRpcError({ hint: name }) : describeRpcError({ hint: 'invite_not_found' });
}

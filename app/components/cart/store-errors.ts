// What the cart and order RPCs raise → what a shopper reads. The codes are the catalogue in
// supabase/migrations/20261121000400_clock.sql; the database's messages are already written for
// people, so known codes keep them and only add what the UI knows better (a number, a next step).
// Anything unknown becomes a calm generic sentence, never a raw error.

/** The parts of a PostgrestError this mapping relies on. */
export interface RpcErrorLike {
  code?: string | null;
  message?: string | null;
  details?: string | null;
}

export const STORE_MESSAGES = {
  signInNeeded: 'Your session has ended. Reload the page and try again.',
  unexpected: 'Something went wrong on our side. Please try again in a moment.',
  unknownProduct: 'This product does not exist (any more).',
  badQuantity: 'Quantity must be a whole number between 0 and 1000.',
  soldOut: 'Sorry, this product is sold out right now.',
  cartExpired: 'Your cart is empty or its holds have expired. Add the products again to check out.',
  orderNotFound: 'Order not found.',
} as const;

/** N from reserve_stock's PT409 detail `available=N`, or null when it is not there. */
export function parseAvailable(details: string | null | undefined): number | null {
  const match = /^available=(\d+)$/.exec(details?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

/** N from reserve_stock's 22023 detail `limit=N` (the per-shopper limit), or null. */
function parseHoldLimit(details: string | null | undefined): number | null {
  const match = /^limit=(\d+)$/.exec(details?.trim() ?? '');
  return match ? Number(match[1]) : null;
}

/** A sentence for a failed reserve_stock (add, change quantity, hold again). */
export function describeReserveError(error: RpcErrorLike): string {
  switch (error.code) {
    case 'PT409': {
      const available = parseAvailable(error.details);
      if (available === 0) return STORE_MESSAGES.soldOut;
      if (available !== null) {
        return `Only ${available} left. Lower the quantity to ${available} or less, or try again later.`;
      }
      return error.message || STORE_MESSAGES.soldOut;
    }
    case 'PT404':
      return STORE_MESSAGES.unknownProduct;
    case '22023': {
      // Above the per-shopper limit: the database's sentence names the limit.
      const limit = parseHoldLimit(error.details);
      return limit !== null ? `You can hold at most ${limit} of a product at a time.` : STORE_MESSAGES.badQuantity;
    }
    case 'PT401':
      return STORE_MESSAGES.signInNeeded;
  }
  return STORE_MESSAGES.unexpected;
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

export interface CheckoutErrors {
  fieldErrors: Partial<Record<CheckoutField, string[]>>;
  formErrors: string[];
  /** The fix lives in the cart (empty, expired or short): the page links there. */
  cartProblem: boolean;
}

function isCheckoutArgument(value: string): value is keyof typeof CHECKOUT_FIELD_BY_ARGUMENT {
  return Object.hasOwn(CHECKOUT_FIELD_BY_ARGUMENT, value);
}

/** A failed place_order → field errors (22023, detail = argument name) or a form error. */
export function mapPlaceOrderError(error: RpcErrorLike): CheckoutErrors {
  const message = error.message || STORE_MESSAGES.unexpected;
  const argument = error.details?.trim() ?? '';
  if (error.code === '22023' && isCheckoutArgument(argument)) {
    return { fieldErrors: { [CHECKOUT_FIELD_BY_ARGUMENT[argument]]: [message] }, formErrors: [], cartProblem: false };
  }
  switch (error.code) {
    case '22023':
      // idempotency_key: the hidden field was tampered with or lost; a reload makes a new one.
      return { fieldErrors: {}, formErrors: ['This checkout form is out of date. Reload the page and try again.'], cartProblem: false };
    case 'PT422':
      return { fieldErrors: {}, formErrors: [STORE_MESSAGES.cartExpired], cartProblem: true };
    case 'PT409':
      return { fieldErrors: {}, formErrors: [message], cartProblem: true };
    case 'PT401':
      return { fieldErrors: {}, formErrors: [STORE_MESSAGES.signInNeeded], cartProblem: false };
  }
  return { fieldErrors: {}, formErrors: [STORE_MESSAGES.unexpected], cartProblem: false };
}

/** A failed cancel_order → one sentence ("Order AS-000123 is already cancelled."). */
export function describeCancelError(error: RpcErrorLike): string {
  switch (error.code) {
    case 'PT404':
      return STORE_MESSAGES.orderNotFound;
    case 'PT409':
      return error.message || 'This order can no longer be cancelled.';
    case 'PT401':
      return STORE_MESSAGES.signInNeeded;
  }
  return STORE_MESSAGES.unexpected;
}

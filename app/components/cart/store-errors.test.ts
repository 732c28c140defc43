import { describe, expect, it } from 'vitest';
import { describeCancelError, describeReserveError, mapPlaceOrderError, parseAvailable, STORE_MESSAGES } from './store-errors';

describe('describeReserveError', () => {
  it('says how many are left, or that the product is sold out', () => {
    expect(describeReserveError({ code: 'PT409', message: 'Only 3 left.', details: 'available=3' })).toBe(
      'Only 3 left. Lower the quantity to 3 or less, or try again later.',
    );
    expect(describeReserveError({ code: 'PT409', message: 'Sorry, this product is sold out right now.', details: 'available=0' })).toBe(
      STORE_MESSAGES.soldOut,
    );
    expect(describeReserveError({ code: 'PT409', message: 'Only 2 left.', details: null })).toBe('Only 2 left.');
  });

  it('maps unknown products, bad quantities, lost sessions and anything else', () => {
    expect(describeReserveError({ code: 'PT404', details: 'product_id' })).toBe(STORE_MESSAGES.unknownProduct);
    expect(describeReserveError({ code: '22023', details: 'quantity' })).toBe(STORE_MESSAGES.badQuantity);
    expect(describeReserveError({ code: '22023', details: 'limit=5' })).toBe('You can hold at most 5 of a product at a time.');
    expect(describeReserveError({ code: 'PT401' })).toBe(STORE_MESSAGES.signInNeeded);
    expect(describeReserveError({ code: '08006', message: 'connection failure at 10.0.0.1' })).toBe(STORE_MESSAGES.unexpected);
  });

  it('reads available=N strictly', () => {
    expect(parseAvailable('available=12')).toBe(12);
    expect(parseAvailable('available=-1')).toBeNull();
    expect(parseAvailable(undefined)).toBeNull();
  });
});

describe('mapPlaceOrderError', () => {
  it('puts 22023 on the field named by the detail', () => {
    expect(mapPlaceOrderError({ code: '22023', message: 'The e-Money PIN must be 4 digits.', details: 'emoney_pin' })).toEqual({
      fieldErrors: { emoneyPin: ['The e-Money PIN must be 4 digits.'] },
      formErrors: [],
      cartProblem: false,
    });
    expect(mapPlaceOrderError({ code: '22023', message: 'Enter a valid email address.', details: 'customer_email' }).fieldErrors).toEqual({
      email: ['Enter a valid email address.'],
    });
  });

  it('makes a stale checkout key, an empty or expired cart and missing stock form errors', () => {
    expect(mapPlaceOrderError({ code: '22023', message: 'The checkout key must be 8 to 100 characters.', details: 'idempotency_key' })).toMatchObject({
      fieldErrors: {},
      cartProblem: false,
    });
    expect(mapPlaceOrderError({ code: 'PT422', message: 'Your cart is empty…' })).toEqual({
      fieldErrors: {},
      formErrors: [STORE_MESSAGES.cartExpired],
      cartProblem: true,
    });
    expect(mapPlaceOrderError({ code: 'PT409', message: 'Sorry, "Aria One" is no longer available in that quantity.' })).toEqual({
      fieldErrors: {},
      formErrors: ['Sorry, "Aria One" is no longer available in that quantity.'],
      cartProblem: true,
    });
    expect(mapPlaceOrderError({ code: 'XX000', message: 'internal detail' }).formErrors).toEqual([STORE_MESSAGES.unexpected]);
  });
});

describe('describeCancelError', () => {
  it('keeps the database sentence for conflicts and hides the rest', () => {
    expect(describeCancelError({ code: 'PT409', message: 'Order AS-000001 is already cancelled.' })).toBe('Order AS-000001 is already cancelled.');
    expect(describeCancelError({ code: 'PT404', message: 'Order not found.' })).toBe(STORE_MESSAGES.orderNotFound);
    expect(describeCancelError({ code: '42P01', message: 'relation does not exist' })).toBe(STORE_MESSAGES.unexpected);
  });
});

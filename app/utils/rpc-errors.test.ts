import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import { describeInvitationReason, describeRpcError, httpStatusOf, mapCheckoutError } from './rpc-errors';

const t = fixedT('en', 'errors');
const thai = fixedT('th', 'errors');

describe('describeRpcError', () => {
  it('reads the refusal by its name and numbers from details, whatever the message says', () => {
    expect(describeRpcError({ code: 'PT409', hint: 'few_left', details: 'available=3', message: 'anything' }, t)).toBe(
      'Only 3 left. Lower the quantity to 3 or less, or try again later.',
    );
    expect(describeRpcError({ code: 'PT409', hint: 'sold_out', message: 'Only 25 left.' }, t)).toBe('Sorry, this product is sold out right now.');
    expect(describeRpcError({ code: '22023', hint: 'hold_limit', details: 'limit=5' }, t)).toBe('You can hold at most 5 of a product at a time.');
    expect(describeRpcError({ code: 'PT409', hint: 'not_enough_stock' }, t)).toMatch(/^Not that many/);
  });

  it('never shows a raw error: unknown names and codes get calm generic text', () => {
    expect(describeRpcError({ code: '08006', message: 'connection failure at 10.0.0.1' }, t)).toBe(t('generic.unexpected'));
    expect(describeRpcError({ code: 'PT409', hint: 'Lower the quantity.', message: 'secret' }, t)).toBe(t('generic.unexpected'));
    expect(describeRpcError({ code: '42501', message: 'permission denied for table orders' }, t)).toBe(t('generic.notAllowed'));
  });
});

describe('httpStatusOf', () => {
  it('follows PostgREST: PTxyz is xyz, 42501 is 403, 22/23 are 400, anything else 503', () => {
    expect(httpStatusOf({ code: 'PT409' })).toBe(409);
    expect(httpStatusOf({ code: '42501' })).toBe(403);
    expect(httpStatusOf({ code: '22023' })).toBe(400);
    expect(httpStatusOf({ code: '23514' })).toBe(400);
    expect(httpStatusOf({ code: 'XX000' })).toBe(503);
  });
});

describe('mapCheckoutError', () => {
  it('puts a field refusal on the field its details name, with the database sentence', () => {
    expect(mapCheckoutError({ code: '22023', hint: 'checkout_field_invalid', details: 'emoney_pin', message: 'The e-Money PIN must be 4 digits.' }, t)).toEqual({
      fieldErrors: { emoneyPin: ['e-Money PIN must be exactly 4 digits.'] },
      formErrors: [],
      cartProblem: false,
    });
  });

  it('sends cart problems to the cart and a lost checkout key to a reload', () => {
    expect(mapCheckoutError({ code: 'PT422', hint: 'cart_empty' }, t)).toMatchObject({ cartProblem: true });
    expect(mapCheckoutError({ code: 'PT409', hint: 'cart_stock_short' }, t)).toMatchObject({ cartProblem: true });
    expect(mapCheckoutError({ code: '22023', hint: 'checkout_field_invalid', details: 'idempotency_key' }, t).formErrors).toEqual([
      t('generic.staleCheckout'),
    ]);
  });
});

describe('describeInvitationReason', () => {
  it('maps check_invitation reasons to the invite sentences', () => {
    expect(describeInvitationReason('used_up', t)).toBe('That invite code has already been used.');
    expect(describeInvitationReason('rate_limited', t)).toBe('Too many invite code checks. Wait a minute and try again.');
    expect(describeInvitationReason('required', t)).toBe('An invite code is required to sign up right now.');
    expect(describeInvitationReason('nonsense', t)).toBe('That invite code does not exist. Check it and try again.');
  });
});

describe('in another language', () => {
  it('reads the same refusal in the page’s language, numbers included', () => {
    expect(describeRpcError({ code: 'PT409', hint: 'few_left', details: 'available=3' }, thai)).toContain('3');
    expect(describeRpcError({ code: 'PT409', hint: 'sold_out' }, thai)).not.toBe(describeRpcError({ code: 'PT409', hint: 'sold_out' }, t));
  });
});

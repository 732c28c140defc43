import { describe, expect, it } from 'vitest';
import { fixedT } from '~/i18n/i18n.server';
import { describeAvailability as describeIn, getMaxOrderQuantity, MAX_QUANTITY_PER_ADD, type StockStatus } from './availability';

const english = fixedT('en', 'catalog');
const describeAvailability = (availability: StockStatus | null, quantityLeft: number | null) => describeIn(availability, quantityLeft, english);

describe('describeAvailability', () => {
  it('says "In stock" without a number when plenty are left', () => {
    expect(describeAvailability('in_stock', null)).toEqual({ status: 'in_stock', label: 'In stock' });
  });

  it('shows the count only when few are left', () => {
    expect(describeAvailability('few_left', 3)).toEqual({ status: 'few_left', label: 'Only 3 left' });
    expect(describeAvailability('few_left', 1)).toEqual({ status: 'few_left', label: 'Only 1 left' });
  });

  it('never invents a count it was not given', () => {
    expect(describeAvailability('few_left', null)).toEqual({ status: 'in_stock', label: 'In stock' });
  });

  it('says "Sold out" when nothing is left or the status is unknown', () => {
    expect(describeAvailability('sold_out', null)).toEqual({ status: 'sold_out', label: 'Sold out' });
    expect(describeAvailability(null, null)).toEqual({ status: 'sold_out', label: 'Sold out' });
  });

  it('says the units are in other shoppers\' carts, not sold out, while others hold them all', () => {
    expect(describeAvailability('held_elsewhere', null)).toEqual({ status: 'held_elsewhere', label: "In other shoppers' carts" });
    expect(getMaxOrderQuantity('held_elsewhere', null)).toBe(0);
  });
});

describe('describeAvailability in another language', () => {
  it('reads in the page’s language, with the count', () => {
    expect(describeIn('few_left', 3, fixedT('th', 'catalog'))).toEqual({ status: 'few_left', label: 'เหลือเพียง 3 ชิ้น' });
    expect(describeIn('in_stock', null, fixedT('zh-TW', 'catalog'))).toEqual({ status: 'in_stock', label: '有現貨' });
    expect(describeIn(null, null, fixedT('ko', 'catalog'))).toEqual({ status: 'sold_out', label: '품절' });
  });
});

describe('getMaxOrderQuantity', () => {
  it('offers what is left when few are left', () => {
    expect(getMaxOrderQuantity('few_left', 4)).toBe(4);
  });

  it('caps plentiful stock and offers nothing when sold out', () => {
    expect(getMaxOrderQuantity('in_stock', null)).toBe(MAX_QUANTITY_PER_ADD);
    expect(getMaxOrderQuantity('sold_out', null)).toBe(0);
    expect(getMaxOrderQuantity(null, null)).toBe(0);
  });

  it('never offers more than one shopper may hold', () => {
    expect(getMaxOrderQuantity('in_stock', null, 5)).toBe(5);
    expect(getMaxOrderQuantity('few_left', 4, 2)).toBe(2);
    expect(getMaxOrderQuantity('in_stock', null, 50)).toBe(MAX_QUANTITY_PER_ADD);
    expect(getMaxOrderQuantity('in_stock', null, null)).toBe(MAX_QUANTITY_PER_ADD);
  });

  it('offers one when few are left but the count is missing; the cart decides', () => {
    expect(getMaxOrderQuantity('few_left', null)).toBe(1);
  });
});

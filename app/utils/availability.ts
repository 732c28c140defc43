// The availability badge and how many units the add-to-cart form offers. The database decides
// the status (private.product_availability) and only reveals a count when 1–5 units are left, so
// the storefront never learns, let alone shows, the exact stock of a well-stocked product.
import type { TFunction } from 'i18next';
import type { Enums } from '~/types/database.types';

export type StockStatus = Enums<'stock_status'>;

/** Most units one "add to cart" offers when stock is plentiful; the cart re-checks anyway. */
export const MAX_QUANTITY_PER_ADD = 10;

export interface AvailabilityBadge {
  status: StockStatus;
  label: string;
}

/** The badge in the reader's language (`t` of the catalog namespace). */
export function describeAvailability(availability: StockStatus | null, quantityLeft: number | null, t: TFunction<'catalog'>): AvailabilityBadge {
  // A few left without a usable count (should not happen) reads as plain "in stock" rather than
  // inventing a number.
  if (availability === 'few_left' && quantityLeft !== null && quantityLeft > 0) {
    return { status: 'few_left', label: t('availability.fewLeft', { count: quantityLeft }) };
  }
  if (availability === 'in_stock' || availability === 'few_left') return { status: 'in_stock', label: t('availability.inStock') };
  // Units are on the shelf but all in other shoppers' carts: not sold out, maybe back soon.
  if (availability === 'held_elsewhere') return { status: 'held_elsewhere', label: t('availability.heldElsewhere') };
  // No status means we cannot tell; selling it could oversell, so show it as unavailable.
  return { status: 'sold_out', label: t('availability.soldOut') };
}

/**
 * The add-to-cart form's maxQuantity: what is left when few are, a cap otherwise, 0 when sold
 * out; never more than one shopper may hold (app_settings.max_units_held_per_product, which
 * reserve_stock enforces whatever the form offers).
 */
export function getMaxOrderQuantity(availability: StockStatus | null, quantityLeft: number | null, perShopperLimit?: number | null): number {
  const cap = Math.min(MAX_QUANTITY_PER_ADD, perShopperLimit && perShopperLimit > 0 ? perShopperLimit : MAX_QUANTITY_PER_ADD);
  if (availability === 'few_left') return quantityLeft !== null && quantityLeft > 0 ? Math.min(quantityLeft, cap) : 1;
  if (availability === 'in_stock') return cap;
  return 0;
}

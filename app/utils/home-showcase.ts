// Which products the home page puts forward. The catalog marks new products (is_new) and orders
// everything (category, then position); the home page only picks from that order.

/** How many cards the "featured" row shows under the hero. */
export const FEATURED_COUNT = 3;

/**
 * The hero is the first new product in store order (the first product at all when none is new);
 * the featured row is the other new products, topped up with the rest in store order.
 */
export function pickHomeShowcase<Card extends { is_new: boolean }>(cards: Card[]): { hero: Card | null; featured: Card[] } {
  const hero = cards.find((card) => card.is_new) ?? cards[0] ?? null;
  const others = cards.filter((card) => card !== hero);
  const featured = [...others.filter((card) => card.is_new), ...others.filter((card) => !card.is_new)].slice(
    0,
    FEATURED_COUNT,
  );
  return { hero, featured };
}

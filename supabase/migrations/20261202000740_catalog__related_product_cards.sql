-- =============================================================================================
-- "You may also like" with prices (issue #20): up to four product cards for a product page,
-- same category first, then the rest of the store; never the product itself. One read for the
-- page (rpc('related_product_cards', { product_slug, locale })), rows shaped exactly like
-- product_cards, so the page shows them with the same card (price and availability badge
-- included).
--
-- Order: the product's own category first; within each group the curated related_products
-- links first (an operator's choice, in their position), then store order (category position,
-- product position, slug), so the list is stable and an operator can still steer it.
--
-- "Only published": products have no draft state today; every product is on sale and is in
-- product_cards, so every product qualifies. Should a draft flag arrive, product_cards is where
-- it belongs, and this function follows it with no change.
-- =============================================================================================

/**
 * rpc('related_product_cards', { product_slug, locale }): the related cards of one product page.
 * Security invoker: it reads product_cards (itself security invoker) with the caller's rights.
 */
create function public.related_product_cards(product_slug text, locale public.locale, max_cards integer default 4)
returns setof public.product_cards
language sql
stable
security invoker
set search_path = ''
as $$
  select card.*
    from public.products as product
    join public.product_cards as card
      on card.locale = related_product_cards.locale and card.id <> product.id
    left join public.related_products as curated
      on curated.product_id = product.id and curated.related_product_id = card.id
   where product.slug = related_product_cards.product_slug
   order by card.category_id = product.category_id desc,
            curated.position nulls last,
            card.category_position,
            card.position,
            card.slug
   limit greatest(least(related_product_cards.max_cards, 12), 0);
$$;

comment on function public.related_product_cards(text, public.locale, integer) is
  'Related cards of a product page (rows of product_cards in that language): up to max_cards (default 4, at most 12), same category first, then the rest; curated related_products links first within each group, then store order; never the product itself. Empty for an unknown slug.';

revoke execute on function public.related_product_cards(text, public.locale, integer) from public;
grant execute on function public.related_product_cards(text, public.locale, integer) to anon, authenticated;

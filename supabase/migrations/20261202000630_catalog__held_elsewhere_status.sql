-- =============================================================================================
-- A fourth availability status, in a file of its own (an enum value cannot be used in the
-- transaction that adds it; …0640 uses it): held_elsewhere, "in other shoppers' carts", for a
-- product whose shelf is not empty but whose every unit is held by other shoppers right now.
-- Sold out stays for an empty shelf (issue #19).
-- =============================================================================================

alter type public.stock_status add value if not exists 'held_elsewhere';

comment on type public.stock_status is
  'The availability badge the storefront shows. few_left: 1 to 5 units can still be sold (the number is shown); held_elsewhere: units are on the shelf but all held in other shoppers'' carts (they may come back when the holds end); sold_out: the shelf is empty.';

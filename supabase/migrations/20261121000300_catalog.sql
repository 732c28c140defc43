/**
  * =============================================================================================
  * Catalog: categories, products, their images, "in the box" items and related products, and
  * their texts in the store's other languages. Everyone reads the catalog; only admins write
  * it. Exact stock is never readable by the API roles: the storefront gets an availability
  * badge instead (in stock / only N left / sold out).
  * =============================================================================================
  *
  * What each storefront loader calls (one request per page, all typed by `npm run db:types`);
  * every storefront read names its language (`locale`, see "Languages" below):
  *
  *   layout (nav)     from('category_cards').select('slug, name, description, images')
  *                      .eq('locale', locale).order('position')
  *                    (`images`: the category's own images, its nav thumbnail, one per size)
  *   home             from('product_cards').select('*').eq('locale', locale)
  *                      .order('category_position').order('position')
  *                    (the app picks which cards to feature; `is_new` marks the hero)
  *   category page    from('product_cards').select('*').eq('locale', locale).eq('category_slug', slug)
  *                      .order('is_new', { ascending: false }).order('position')
  *                    (no rows → 404; category_name/category_description head the page)
  *   product page     from('product_pages').select('*').eq('locale', locale).eq('slug', slug).maybeSingle()
  *                    (null → 404; `images` holds the product and gallery images, `includes`
  *                    the in-the-box lines, `related` the ready-made "you may also like" cards)
  *   cart, checkout   from('product_cards').select('id, slug, name, price, image_mobile, availability,
  *                      quantity_left').eq('locale', locale).in('id', ids)
  *   admin area       tables directly (insert/update/delete as an admin). `products.stock` is not
  *                    selectable by any API role: read it as `product_cards.stock_on_hand` (null
  *                    unless the caller is an admin), and write products without selecting `*`
  *                    back (`.select('id, slug')` or return=minimal).
  *
  * Languages: English is the base language and lives in the base tables (categories.name,
  * products.description, product_includes.item, product_images.alt, …). Each other language
  * (public.locale, …0205) has at most one row per entity in `category_translations`,
  * `product_translations`, `product_include_translations` and `product_image_translations`;
  * a row for 'en' is refused (a CHECK), so English has one home. Each text column of a
  * translation is nullable: null means "not translated yet", and the views show English for
  * that one field (per field, not per row: a product whose Thai name is done but whose
  * features are not reads Thai name, English features). Blank text is refused, so null is the
  * only way to say "not translated". Translations go with their entity (on delete cascade).
  * Operators edit them in Studio's table editor; `admin.missing_translations` lists what is
  * still English.
  *   The storefront views (category_cards, product_cards, product_pages) yield one row per
  * entity and language, every language of the enum, with `locale` as a column and each text
  * coalesce(translation, English). The app always filters `.eq('locale', locale)`: a read
  * without it gets every language's row (4 per product). The filter is an equality on the
  * locale list, and PostgreSQL carries it into each translation join, so a page stays index
  * lookups: (entity_id, locale) is every translation table's primary key. Why rows per
  * language and not a function taking the locale: the views keep PostgREST's filters,
  * ordering and generated types, the filter is visible in every query, and a new language
  * needs no new view (it is a new enum value).
  *
  * updated_at is kept by private.touch_updated_at() (…0210 profiles) on every update except one
  * that changes only products.reserved: that column is the cart holds' counter (…0410), moved by
  * every reserve_stock call, not a catalog edit. The trigger's condition compares the whole old
  * row with the new one given back its old counter, so a column added to products later needs
  * no change there. (Whole-row comparison costs about what the old column list did; comparing
  * to_jsonb(old) - 'reserved' with to_jsonb(new) - 'reserved' would be ~5 times dearer, on the
  * hot product's row lock.)
  *
  * Availability: `private.available_stock(product_id)` (stock holds, …0410) is the ONE place
  * that says how many units can still be sold: stock − unexpired holds of others.
  * `private.product_availability(product_id)` turns it into the public badge. Both are plpgsql,
  * so their queries are planned once per session: as SQL functions with a search_path setting
  * and security definer they could not be inlined, and PostgreSQL 15 would parse and plan their
  * bodies again on every call, once per product of every catalog page (decision 003).
  * product_pages reads products and categories directly rather than product_cards joined back
  * to products: one products lookup per row instead of two, a smaller plan per request.
  *
  * Typed text: names, descriptions, features, in-the-box items and alt texts, and their
  * translations, refuse control and invisible format characters (the `*_typed` CHECKs,
  * private.is_typed_text in …0200).
  *
  * Error codes raised here (besides PostgreSQL's own 23505 unique, 23514 check, 42501 denied):
  *   PT409  "The category "…" still has N product(s) …"  deleting a category that has products
  *          (HTTP 409 through PostgREST). The FK (on delete restrict) stays as the backstop.
  */

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.product_image_type as enum ('product', 'category', 'gallery', 'related');
comment on type public.product_image_type is
  'Where an image is used: product = product page hero, category = card on the category page (or, for a category''s own image, its nav thumbnail), gallery = product page gallery, related = "you may also like" card.';

create type public.product_image_size as enum ('mobile', 'tablet', 'desktop');
comment on type public.product_image_size is 'The breakpoint an image is art-directed for.';

create type public.stock_status as enum ('in_stock', 'few_left', 'sold_out');
comment on type public.stock_status is
  'The availability badge the storefront shows. few_left: 1 to 5 units can still be sold (the number is shown).';

-- Shapes of the arrays in public.product_pages (typed by gen types as CompositeTypes).
create type public.catalog_image as (
  type public.product_image_type,
  size public.product_image_size,
  url text,
  alt text,
  position integer
);
comment on type public.catalog_image is 'One image of a product page (product_pages.images).';

create type public.included_item as (
  quantity integer,
  item text
);
comment on type public.included_item is 'One "in the box" line of a product page (product_pages.includes).';

create type public.related_card as (
  slug text,
  name text,
  image_mobile text,
  image_tablet text,
  image_desktop text,
  image_alt text
);
comment on type public.related_card is 'One "you may also like" card of a product page (product_pages.related).';

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

create table public.categories (
  id uuid primary key default gen_random_uuid(),
  slug text not null
    constraint categories_slug_key unique
    constraint categories_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 60),
  name text not null constraint categories_name_length check (length(btrim(name)) between 1 and 60)
    constraint categories_name_typed check (private.is_typed_text(name)),
  description text not null default ''
    constraint categories_description_length check (length(description) <= 500)
    constraint categories_description_typed check (private.is_typed_text(description, true)),
  position integer not null default 1 constraint categories_position_positive check (position > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.products (
  id uuid primary key default gen_random_uuid(),
  slug text not null
    constraint products_slug_key unique
    constraint products_slug_format check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 80),
  name text not null constraint products_name_length check (length(btrim(name)) between 1 and 100)
    constraint products_name_typed check (private.is_typed_text(name)),
  category_id uuid not null references public.categories (id) on update cascade on delete restrict,
  price numeric(10, 2) not null constraint products_price_positive check (price > 0),
  stock integer not null default 0 constraint products_stock_not_negative check (stock >= 0),
  is_new boolean not null default false,
  description text not null default ''
    constraint products_description_length check (length(description) <= 1000)
    constraint products_description_typed check (private.is_typed_text(description, true)),
  features text not null default '' constraint products_features_length check (length(features) <= 5000)
    constraint products_features_typed check (private.is_typed_text(features, true)),
  position integer not null default 1 constraint products_position_positive check (position > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  reserved integer not null default 0 constraint products_reserved_not_negative check (reserved >= 0)
);

create table public.product_images (
  id uuid primary key default gen_random_uuid(),
  product_id uuid references public.products (id) on update cascade on delete cascade,
  category_id uuid references public.categories (id) on update cascade on delete cascade,
  type public.product_image_type not null,
  size public.product_image_size not null,
  url text not null
    constraint product_images_url_format check (url ~ '^(/|https://)[^\s]+$' and length(url) <= 500),
  alt text not null constraint product_images_alt_length check (length(btrim(alt)) between 1 and 200)
    constraint product_images_alt_typed check (private.is_typed_text(alt)),
  position integer not null default 1 constraint product_images_position_positive check (position > 0),
  created_at timestamptz not null default now(),
  constraint product_images_one_owner check (num_nonnulls(product_id, category_id) = 1),
  constraint product_images_category_owner_type check (category_id is null or type = 'category'),
  -- Exactly one owner is set, so treating nulls as equal makes this "unique per owner".
  constraint product_images_owner_type_size_position_key
    unique nulls not distinct (product_id, category_id, type, size, position)
);

create table public.product_includes (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references public.products (id) on update cascade on delete cascade,
  quantity integer not null constraint product_includes_quantity_positive check (quantity > 0),
  item text not null constraint product_includes_item_length check (length(btrim(item)) between 1 and 100)
    constraint product_includes_item_typed check (private.is_typed_text(item)),
  position integer not null default 1 constraint product_includes_position_positive check (position > 0),
  created_at timestamptz not null default now()
);

create table public.related_products (
  id uuid primary key default gen_random_uuid(),
  product_id uuid not null references public.products (id) on update cascade on delete cascade,
  related_product_id uuid not null references public.products (id) on update cascade on delete cascade,
  position integer not null default 1 constraint related_products_position_positive check (position > 0),
  created_at timestamptz not null default now(),
  constraint related_products_not_self check (related_product_id <> product_id),
  constraint related_products_product_id_related_product_id_key unique (product_id, related_product_id)
);

-- Translations: one row per entity and language other than English; each text null until it is
-- translated (the views then show English), never blank; the same limits as the English column.
create table public.category_translations (
  category_id uuid not null references public.categories (id) on update cascade on delete cascade,
  locale public.locale not null constraint category_translations_not_english check (locale <> 'en'),
  name text constraint category_translations_name_length check (length(btrim(name)) between 1 and 60)
    constraint category_translations_name_typed check (private.is_typed_text(name)),
  description text
    constraint category_translations_description_length check (length(description) <= 500 and btrim(description) <> '')
    constraint category_translations_description_typed check (private.is_typed_text(description, true)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint category_translations_pkey primary key (category_id, locale)
);

create table public.product_translations (
  product_id uuid not null references public.products (id) on update cascade on delete cascade,
  locale public.locale not null constraint product_translations_not_english check (locale <> 'en'),
  name text constraint product_translations_name_length check (length(btrim(name)) between 1 and 100)
    constraint product_translations_name_typed check (private.is_typed_text(name)),
  description text
    constraint product_translations_description_length check (length(description) <= 1000 and btrim(description) <> '')
    constraint product_translations_description_typed check (private.is_typed_text(description, true)),
  features text
    constraint product_translations_features_length check (length(features) <= 5000 and btrim(features) <> '')
    constraint product_translations_features_typed check (private.is_typed_text(features, true)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint product_translations_pkey primary key (product_id, locale)
);

create table public.product_include_translations (
  product_include_id uuid not null references public.product_includes (id) on update cascade on delete cascade,
  locale public.locale not null constraint product_include_translations_not_english check (locale <> 'en'),
  item text constraint product_include_translations_item_length check (length(btrim(item)) between 1 and 100)
    constraint product_include_translations_item_typed check (private.is_typed_text(item)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint product_include_translations_pkey primary key (product_include_id, locale)
);

create table public.product_image_translations (
  product_image_id uuid not null references public.product_images (id) on update cascade on delete cascade,
  locale public.locale not null constraint product_image_translations_not_english check (locale <> 'en'),
  alt text constraint product_image_translations_alt_length check (length(btrim(alt)) between 1 and 200)
    constraint product_image_translations_alt_typed check (private.is_typed_text(alt)),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint product_image_translations_pkey primary key (product_image_id, locale)
);

/**
  * -------------------------------------------------------
  * Section - Comments (Studio shows them)
  * -------------------------------------------------------
 */

comment on table public.categories is 'Storefront categories (headphones, speakers, earphones). Public read, admin write.';
comment on column public.categories.id is 'Surrogate key; URLs use the slug.';
comment on column public.categories.slug is 'URL name, e.g. /category/headphones. Lowercase words joined by hyphens.';
comment on column public.categories.name is 'Display name in the nav and the category page heading.';
comment on column public.categories.description is 'Short text under the category heading.';
comment on column public.categories.position is 'Order in the nav and on the home page (1 first).';
comment on column public.categories.created_at is 'When the category was added.';
comment on column public.categories.updated_at is 'Last change; maintained by a trigger.';

comment on table public.products is
  'Things we sell. Public read except stock (column privilege); availability is shown through product_cards / product_pages. Admin write.';
comment on column public.products.id is 'Surrogate key; referenced by carts and orders. URLs use the slug.';
comment on column public.products.slug is 'URL name, e.g. /product/aria-one-pro. Lowercase words joined by hyphens.';
comment on column public.products.name is 'Full display name.';
comment on column public.products.category_id is
  'The category page that lists it. A category with products cannot be deleted (PT409).';
comment on column public.products.price is 'Unit price including VAT, in the store currency.';
comment on column public.products.stock is
  'Units on the shelf. Not selectable by anon/authenticated: the public sees only the availability badge, admins see stock_on_hand in product_cards.';
comment on column public.products.is_new is 'Shows the "new product" label.';
comment on column public.products.description is 'One-paragraph pitch shown on cards and the product page.';
comment on column public.products.features is 'Product page "Features" text; paragraphs separated by a blank line.';
comment on column public.products.position is 'Order within its category page (1 first; new products are listed first anyway).';
comment on column public.products.created_at is 'When the product was added.';
comment on column public.products.updated_at is 'Last change; maintained by a trigger.';
comment on column public.products.reserved is
  'Units held in carts: the sum of stock_reservations.quantity for this product, expired holds included until they are deleted. Maintained by a trigger; never edit it by hand. Not readable by API roles.';

comment on table public.product_images is
  'Art-directed images: one row per owner, use (type), breakpoint (size) and position. Owned by a product, or by a category (its nav thumbnail, type category).';
comment on column public.product_images.id is 'Surrogate key.';
comment on column public.product_images.product_id is 'The product shown; null when the image belongs to a category.';
comment on column public.product_images.category_id is 'Set only for a category''s own nav thumbnail (type must be category).';
comment on column public.product_images.type is 'Where the image is used; see the enum''s comment.';
comment on column public.product_images.size is 'Breakpoint the image is cut for.';
comment on column public.product_images.url is 'Site-relative path (/images/…) or an https URL.';
comment on column public.product_images.alt is 'Alternative text for screen readers.';
comment on column public.product_images.position is 'Order among images of the same owner, type and size (gallery 1, 2, 3).';
comment on column public.product_images.created_at is 'When the image was added.';

comment on table public.product_includes is '"In the box" lines of a product page.';
comment on column public.product_includes.id is 'Surrogate key.';
comment on column public.product_includes.product_id is 'The product whose box this is.';
comment on column public.product_includes.quantity is 'How many of the item are in the box (at least 1).';
comment on column public.product_includes.item is 'What is in the box, e.g. "USB-C charging cable".';
comment on column public.product_includes.position is 'Order in the list (1 first).';
comment on column public.product_includes.created_at is 'When the line was added.';

comment on table public.related_products is '"You may also like" links, ordered; a product never links to itself or twice to the same product.';
comment on column public.related_products.id is 'Surrogate key.';
comment on column public.related_products.product_id is 'The product page that shows the link.';
comment on column public.related_products.related_product_id is 'The product the link points to.';
comment on column public.related_products.position is 'Order of the cards (1 first).';
comment on column public.related_products.created_at is 'When the link was added.';

comment on table public.category_translations is
  'A category''s name and description in a language other than English (one row per category and language). Empty fields show the English text. Public read, admin write.';
comment on column public.category_translations.category_id is 'The category translated. Deleting the category deletes its translations.';
comment on column public.category_translations.locale is 'The language: th, ko or zh-TW (English lives in categories itself, so en is refused).';
comment on column public.category_translations.name is 'categories.name in this language; null shows the English name. 1-60 characters.';
comment on column public.category_translations.description is 'categories.description in this language; null shows the English text. At most 500 characters.';
comment on column public.category_translations.created_at is 'When the translation was added.';
comment on column public.category_translations.updated_at is 'Last change; maintained by a trigger.';

comment on table public.product_translations is
  'A product''s name, description and features in a language other than English (one row per product and language). Empty fields show the English text. Public read, admin write.';
comment on column public.product_translations.product_id is 'The product translated. Deleting the product deletes its translations.';
comment on column public.product_translations.locale is 'The language: th, ko or zh-TW (English lives in products itself, so en is refused).';
comment on column public.product_translations.name is
  'products.name in this language; null shows the English name. Keep model names as they are (e.g. "หูฟัง XX99 Mark II"). 1-100 characters.';
comment on column public.product_translations.description is 'products.description in this language; null shows the English text. At most 1000 characters.';
comment on column public.product_translations.features is
  'products.features in this language, paragraphs separated by a blank line; null shows the English text. At most 5000 characters.';
comment on column public.product_translations.created_at is 'When the translation was added.';
comment on column public.product_translations.updated_at is 'Last change; maintained by a trigger.';

comment on table public.product_include_translations is
  'An "in the box" line in a language other than English (one row per line and language). An empty item shows the English text. Public read, admin write.';
comment on column public.product_include_translations.product_include_id is 'The in-the-box line translated. Deleting the line deletes its translations.';
comment on column public.product_include_translations.locale is 'The language: th, ko or zh-TW (English lives in product_includes itself, so en is refused).';
comment on column public.product_include_translations.item is 'product_includes.item in this language; null shows the English text. 1-100 characters.';
comment on column public.product_include_translations.created_at is 'When the translation was added.';
comment on column public.product_include_translations.updated_at is 'Last change; maintained by a trigger.';

comment on table public.product_image_translations is
  'An image''s alternative text in a language other than English (one row per image and language), so screen readers speak the page''s language. Public read, admin write.';
comment on column public.product_image_translations.product_image_id is 'The image described. Deleting the image deletes its translations.';
comment on column public.product_image_translations.locale is 'The language: th, ko or zh-TW (English lives in product_images itself, so en is refused).';
comment on column public.product_image_translations.alt is 'product_images.alt in this language; null shows the English text. 1-200 characters.';
comment on column public.product_image_translations.created_at is 'When the translation was added.';
comment on column public.product_image_translations.updated_at is 'Last change; maintained by a trigger.';

/**
  * -------------------------------------------------------
  * Section - Indexes (every foreign key; the unique constraints cover their leading columns, and
  * each translation table's primary key (entity_id, locale) its foreign key and the views' lookup)
  * -------------------------------------------------------
 */

create index products_category_id_position_idx on public.products (category_id, position);
create index product_images_category_id_idx on public.product_images (category_id);
create index product_includes_product_id_position_idx on public.product_includes (product_id, position);
create index related_products_related_product_id_idx on public.related_products (related_product_id);

/**
  * -------------------------------------------------------
  * Section - Row level security
  * One policy per operation; reads for everyone, writes for admins (private.is_admin() reads
  * profiles.role on every request, so a demoted admin loses rights at once).
  * -------------------------------------------------------
 */

alter table public.categories enable row level security;
alter table public.products enable row level security;
alter table public.product_images enable row level security;
alter table public.product_includes enable row level security;
alter table public.related_products enable row level security;
alter table public.category_translations enable row level security;
alter table public.product_translations enable row level security;
alter table public.product_include_translations enable row level security;
alter table public.product_image_translations enable row level security;

create policy "Anyone can read categories" on public.categories
  for select to anon, authenticated using (true);
create policy "Admins can add categories" on public.categories
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit categories" on public.categories
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete categories" on public.categories
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read products" on public.products
  for select to anon, authenticated using (true);
create policy "Admins can add products" on public.products
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit products" on public.products
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete products" on public.products
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read product images" on public.product_images
  for select to anon, authenticated using (true);
create policy "Admins can add product images" on public.product_images
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit product images" on public.product_images
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete product images" on public.product_images
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read what is in the box" on public.product_includes
  for select to anon, authenticated using (true);
create policy "Admins can add in-the-box lines" on public.product_includes
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit in-the-box lines" on public.product_includes
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete in-the-box lines" on public.product_includes
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read related products" on public.related_products
  for select to anon, authenticated using (true);
create policy "Admins can add related products" on public.related_products
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit related products" on public.related_products
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete related products" on public.related_products
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read category translations" on public.category_translations
  for select to anon, authenticated using (true);
create policy "Admins can add category translations" on public.category_translations
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit category translations" on public.category_translations
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete category translations" on public.category_translations
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read product translations" on public.product_translations
  for select to anon, authenticated using (true);
create policy "Admins can add product translations" on public.product_translations
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit product translations" on public.product_translations
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete product translations" on public.product_translations
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read in-the-box translations" on public.product_include_translations
  for select to anon, authenticated using (true);
create policy "Admins can add in-the-box translations" on public.product_include_translations
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit in-the-box translations" on public.product_include_translations
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete in-the-box translations" on public.product_include_translations
  for delete to authenticated using ((select private.is_admin()));

create policy "Anyone can read image translations" on public.product_image_translations
  for select to anon, authenticated using (true);
create policy "Admins can add image translations" on public.product_image_translations
  for insert to authenticated with check ((select private.is_admin()));
create policy "Admins can edit image translations" on public.product_image_translations
  for update to authenticated using ((select private.is_admin())) with check ((select private.is_admin()));
create policy "Admins can delete image translations" on public.product_image_translations
  for delete to authenticated using ((select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
  * The storefront's availability badge for one product, with the exact count only where the
  * caller may see it: quantity_left only when 1–5 units remain; stock_on_hand only for admins.
  * available_stock() runs once per product; is_admin() only for a caller with a uid (a visitor
  * without one is never an admin). Definer because it reads stock; it checks the caller itself.
 */
create function private.product_availability(product_id uuid)
  returns table (availability public.stock_status, quantity_left integer, stock_on_hand integer)
  language plpgsql
  stable
  security definer
  set search_path = ''
  rows 1
as $$
declare
  on_shelf integer;
  available integer;
begin
  select p.stock into on_shelf from public.products as p where p.id = product_availability.product_id;
  if not found then
    return;
  end if;
  available := private.available_stock(product_availability.product_id);
  availability := case
    when available <= 0 then 'sold_out'
    when available <= 5 then 'few_left'
    else 'in_stock'
  end::public.stock_status;
  quantity_left := case when available between 1 and 5 then available end;
  stock_on_hand := case when (select auth.uid()) is not null and private.is_admin() then on_shelf end;
  return next;
end;
$$;

comment on function private.product_availability(uuid) is
  'Availability badge of a product: status, quantity_left (only when 1-5 remain), stock_on_hand (admins only). Used by the product_cards and product_pages views.';
revoke all on function private.product_availability(uuid) from public;
grant execute on function private.product_availability(uuid) to anon, authenticated, service_role;

/**
  * A category that still lists products cannot be deleted: say so in words and with a stable
  * code, instead of the foreign key's generic 23503. Runs for Studio (postgres) too.
 */
create function private.refuse_deleting_category_with_products()
  returns trigger
  language plpgsql
  set search_path = ''
as $$
declare
  product_count integer;
begin
  select count(*) into product_count from public.products as p where p.category_id = old.id;
  if product_count > 0 then
    raise exception using
      errcode = 'PT409',
      message = format('The category "%s" still has %s product(s), so it cannot be deleted.', old.name, product_count),
      hint = 'category_has_products';
  end if;
  return old;
end;
$$;

comment on function private.refuse_deleting_category_with_products() is
  'Trigger: refuses (PT409) to delete a category that still has products.';
revoke all on function private.refuse_deleting_category_with_products() from public;

/**
  * -------------------------------------------------------
  * Section - Views (security invoker: they read the tables with the caller's rights)
  * -------------------------------------------------------
 */

create view public.category_cards
  with (security_invoker = true)
as
select
  c.id,
  l.locale,
  c.slug,
  coalesce(ct.name, c.name)::public.localized_text as name,
  coalesce(ct.description, c.description)::public.localized_text as description,
  c.position,
  array(
    select row(i.type, i.size, i.url, coalesce(it.alt, i.alt), i.position)::public.catalog_image
    from public.product_images as i
    left join public.product_image_translations as it on it.product_image_id = i.id and it.locale = l.locale
    where i.category_id = c.id
    order by i.position, i.size
  ) as images
from public.categories as c
cross join unnest(enum_range(null::public.locale)) as l (locale)
left join public.category_translations as ct on ct.category_id = c.id and ct.locale = l.locale;

comment on view public.category_cards is
  'One row per category and language (filter on locale): name and description in that language (English where not translated) and the category''s own images. The nav and the home page''s category tiles.';
comment on column public.category_cards.locale is 'The language of the texts in this row; every language of public.locale has a row. Always filter on it.';
comment on column public.category_cards.name is 'category_translations.name for this language, else categories.name.';
comment on column public.category_cards.description is 'category_translations.description for this language, else categories.description.';
comment on column public.category_cards.images is
  'The category''s own images (its nav thumbnail, one per size), ordered by position and size; alt in this language where translated.';

create view public.product_cards
  with (security_invoker = true)
as
select
  p.id,
  l.locale,
  p.slug,
  coalesce(pt.name, p.name)::public.localized_text as name,
  p.category_id,
  c.slug as category_slug,
  coalesce(ct.name, c.name)::public.localized_text as category_name,
  coalesce(ct.description, c.description)::public.localized_text as category_description,
  c.position as category_position,
  p.price,
  p.is_new,
  coalesce(pt.description, p.description)::public.localized_text as description,
  p.position,
  a.availability,
  a.quantity_left,
  a.stock_on_hand,
  card.image_mobile,
  card.image_tablet,
  card.image_desktop,
  card.image_alt
from public.products as p
join public.categories as c on c.id = p.category_id
cross join unnest(enum_range(null::public.locale)) as l (locale)
left join public.product_translations as pt on pt.product_id = p.id and pt.locale = l.locale
left join public.category_translations as ct on ct.category_id = c.id and ct.locale = l.locale
cross join lateral private.product_availability(p.id) as a
left join lateral (
  select
    (array_agg(i.url order by i.position) filter (where i.size = 'mobile'))[1] as image_mobile,
    (array_agg(i.url order by i.position) filter (where i.size = 'tablet'))[1] as image_tablet,
    (array_agg(i.url order by i.position) filter (where i.size = 'desktop'))[1] as image_desktop,
    (array_agg(coalesce(it.alt, i.alt) order by i.position, i.size))[1] as image_alt
  from public.product_images as i
  left join public.product_image_translations as it on it.product_image_id = i.id and it.locale = l.locale
  where i.product_id = p.id and i.type = 'category'
) as card on true;

comment on view public.product_cards is
  'One row per product and language (filter on locale) with everything a card needs: texts in that language (English where not translated), category, price, availability badge and the category-page image per size. Home, category pages, cart.';
comment on column public.product_cards.locale is 'The language of the texts in this row; every language of public.locale has a row. Always filter on it.';
comment on column public.product_cards.name is 'product_translations.name for this language, else products.name.';
comment on column public.product_cards.category_name is 'category_translations.name for this language, else categories.name.';
comment on column public.product_cards.category_description is 'category_translations.description for this language, else categories.description.';
comment on column public.product_cards.description is 'product_translations.description for this language, else products.description.';
comment on column public.product_cards.availability is 'in_stock, few_left (1-5 units) or sold_out.';
comment on column public.product_cards.quantity_left is 'Units left, only when availability is few_left; otherwise null.';
comment on column public.product_cards.stock_on_hand is 'Exact products.stock for admins; null for everyone else.';
comment on column public.product_cards.image_mobile is 'Card image (type category) for phones.';
comment on column public.product_cards.image_tablet is 'Card image (type category) for tablets.';
comment on column public.product_cards.image_desktop is 'Card image (type category) for desktops.';
comment on column public.product_cards.image_alt is 'Alternative text of the card image, in this language where translated.';

create view public.product_pages
  with (security_invoker = true)
as
select
  p.id,
  l.locale,
  p.slug,
  coalesce(pt.name, p.name)::public.localized_text as name,
  c.slug as category_slug,
  coalesce(ct.name, c.name)::public.localized_text as category_name,
  p.price,
  p.is_new,
  coalesce(pt.description, p.description)::public.localized_text as description,
  coalesce(pt.features, p.features)::public.localized_text as features,
  a.availability,
  a.quantity_left,
  a.stock_on_hand,
  array(
    select row(i.type, i.size, i.url, coalesce(it.alt, i.alt), i.position)::public.catalog_image
    from public.product_images as i
    left join public.product_image_translations as it on it.product_image_id = i.id and it.locale = l.locale
    where i.product_id = p.id and i.type in ('product', 'gallery')
    order by i.type, i.position, i.size
  ) as images,
  array(
    select row(x.quantity, coalesce(xt.item, x.item))::public.included_item
    from public.product_includes as x
    left join public.product_include_translations as xt on xt.product_include_id = x.id and xt.locale = l.locale
    where x.product_id = p.id
    order by x.position, x.item
  ) as includes,
  array(
    select row(
      r.slug,
      coalesce(rt.name, r.name),
      (array_agg(ri.url order by ri.position) filter (where ri.size = 'mobile'))[1],
      (array_agg(ri.url order by ri.position) filter (where ri.size = 'tablet'))[1],
      (array_agg(ri.url order by ri.position) filter (where ri.size = 'desktop'))[1],
      (array_agg(coalesce(rit.alt, ri.alt) order by ri.position, ri.size))[1]
    )::public.related_card
    from public.related_products as rp
    join public.products as r on r.id = rp.related_product_id
    left join public.product_translations as rt on rt.product_id = r.id and rt.locale = l.locale
    left join public.product_images as ri on ri.product_id = r.id and ri.type = 'related'
    left join public.product_image_translations as rit on rit.product_image_id = ri.id and rit.locale = l.locale
    where rp.product_id = p.id
    group by rp.id, rp.position, r.slug, r.name, rt.name
    order by rp.position, r.slug
  ) as related,
  (select s.max_units_held_per_product from public.app_settings as s) as max_units_per_shopper
from public.products as p
join public.categories as c on c.id = p.category_id
cross join unnest(enum_range(null::public.locale)) as l (locale)
left join public.product_translations as pt on pt.product_id = p.id and pt.locale = l.locale
left join public.category_translations as ct on ct.category_id = c.id and ct.locale = l.locale
cross join lateral private.product_availability(p.id) as a;

comment on view public.product_pages is
  'One row per product and language (filter on locale) with everything its page shows, in one request: card fields, features, images (product + gallery), in-the-box lines and related cards, texts in that language (English where not translated).';
comment on column public.product_pages.locale is 'The language of the texts in this row; every language of public.locale has a row. Always filter on it.';
comment on column public.product_pages.name is 'product_translations.name for this language, else products.name.';
comment on column public.product_pages.category_name is 'category_translations.name for this language, else categories.name.';
comment on column public.product_pages.description is 'product_translations.description for this language, else products.description.';
comment on column public.product_pages.features is 'product_translations.features for this language, else products.features.';
comment on column public.product_pages.images is
  'Product-page images (types product and gallery), ordered by type, position, size; alt in this language where translated.';
comment on column public.product_pages.includes is '"In the box" lines in order, each item in this language where translated.';
comment on column public.product_pages.related is
  '"You may also like" cards in order, each with its related-type image per size; names and alt in this language where translated.';
comment on column public.product_pages.max_units_per_shopper is
  'app_settings.max_units_held_per_product: the most units of this product one shopper may hold (the quantity picker''s upper bound).';

/**
  * For operators in Studio: every catalog text still shown in English in a language other
  * than English, one row per entity, language and field (no row: fully translated). Fill the
  * matching *_translations row (insert it if the entity has none for that language).
 */
create view admin.missing_translations
  with (security_invoker = true)
as
with texts (entity, entity_id, label, locale, field, is_missing) as (
  select 'category', c.id, c.slug, l.locale, f.field, f.is_missing
  from public.categories as c
  cross join unnest(enum_range(null::public.locale)) as l (locale)
  left join public.category_translations as t on t.category_id = c.id and t.locale = l.locale
  cross join lateral (values ('name', t.name is null), ('description', t.description is null and c.description <> '')) as f (field, is_missing)
  where l.locale <> 'en'
  union all
  select 'product', p.id, p.slug, l.locale, f.field, f.is_missing
  from public.products as p
  cross join unnest(enum_range(null::public.locale)) as l (locale)
  left join public.product_translations as t on t.product_id = p.id and t.locale = l.locale
  cross join lateral (values
    ('name', t.name is null),
    ('description', t.description is null and p.description <> ''),
    ('features', t.features is null and p.features <> '')) as f (field, is_missing)
  where l.locale <> 'en'
  union all
  select 'product_include', x.id, p.slug || ' #' || x.position || ': ' || x.item, l.locale, 'item', t.item is null
  from public.product_includes as x
  join public.products as p on p.id = x.product_id
  cross join unnest(enum_range(null::public.locale)) as l (locale)
  left join public.product_include_translations as t on t.product_include_id = x.id and t.locale = l.locale
  where l.locale <> 'en'
  union all
  select 'product_image', i.id, coalesce(p.slug, c.slug) || ' ' || i.type || '/' || i.size || '/' || i.position, l.locale, 'alt', t.alt is null
  from public.product_images as i
  left join public.products as p on p.id = i.product_id
  left join public.categories as c on c.id = i.category_id
  cross join unnest(enum_range(null::public.locale)) as l (locale)
  left join public.product_image_translations as t on t.product_image_id = i.id and t.locale = l.locale
  where l.locale <> 'en'
)
select entity, entity_id, label, locale, field
from texts
where is_missing
order by locale, entity, label, field;

comment on view admin.missing_translations is
  'Catalog texts still shown in English in another language: entity (category, product, product_include, product_image), its id and a readable label, the language and the field. Empty English texts need no translation.';

/**
  * -------------------------------------------------------
  * Section - Grants (nothing by default; stock is left out of every API role's select)
  * -------------------------------------------------------
 */

revoke all on public.categories, public.products, public.product_images, public.product_includes,
  public.related_products, public.category_translations, public.product_translations,
  public.product_include_translations, public.product_image_translations,
  public.category_cards, public.product_cards, public.product_pages
  from anon, authenticated, service_role;

grant select on public.categories, public.product_images, public.product_includes, public.related_products,
  public.category_translations, public.product_translations, public.product_include_translations,
  public.product_image_translations
  to anon, authenticated;
grant select (id, slug, name, category_id, price, is_new, description, features, position, created_at, updated_at)
  on public.products to anon, authenticated;
grant select on public.category_cards, public.product_cards, public.product_pages to anon, authenticated, service_role;

-- Admins write through the authenticated role; the policies above let only admins through.
grant insert (slug, name, description, position), update (slug, name, description, position)
  on public.categories to authenticated;
grant insert (slug, name, category_id, price, stock, is_new, description, features, position),
  update (slug, name, category_id, price, stock, is_new, description, features, position)
  on public.products to authenticated;
grant insert (product_id, category_id, type, size, url, alt, position),
  update (product_id, category_id, type, size, url, alt, position)
  on public.product_images to authenticated;
grant insert (product_id, quantity, item, position), update (product_id, quantity, item, position)
  on public.product_includes to authenticated;
grant insert (product_id, related_product_id, position), update (product_id, related_product_id, position)
  on public.related_products to authenticated;
grant insert (category_id, locale, name, description), update (category_id, locale, name, description)
  on public.category_translations to authenticated;
grant insert (product_id, locale, name, description, features), update (product_id, locale, name, description, features)
  on public.product_translations to authenticated;
grant insert (product_include_id, locale, item), update (product_include_id, locale, item)
  on public.product_include_translations to authenticated;
grant insert (product_image_id, locale, alt), update (product_image_id, locale, alt)
  on public.product_image_translations to authenticated;
grant delete on public.categories, public.products, public.product_images, public.product_includes,
  public.related_products, public.category_translations, public.product_translations,
  public.product_include_translations, public.product_image_translations to authenticated;

-- Scripts and tests with the service role key (bypasses RLS).
grant select, insert, update, delete on public.categories, public.products, public.product_images,
  public.product_includes, public.related_products, public.category_translations, public.product_translations,
  public.product_include_translations, public.product_image_translations to service_role;

/**
  * -------------------------------------------------------
  * Section - Triggers
  * -------------------------------------------------------
 */

create trigger categories_set_updated_at
  before update on public.categories
  for each row execute function private.touch_updated_at();

-- Every update stamps updated_at, even one that sets nothing new, except one that moves only the
-- holds' counter: new with its old counter put back equal to old (see the header).
create trigger products_set_updated_at
  before update on public.products
  for each row
  when (
    old.reserved is not distinct from new.reserved
    or old is distinct from jsonb_populate_record(new, jsonb_build_object('reserved', old.reserved))
  )
  execute function private.touch_updated_at();

create trigger category_translations_set_updated_at
  before update on public.category_translations
  for each row execute function private.touch_updated_at();

create trigger product_translations_set_updated_at
  before update on public.product_translations
  for each row execute function private.touch_updated_at();

create trigger product_include_translations_set_updated_at
  before update on public.product_include_translations
  for each row execute function private.touch_updated_at();

create trigger product_image_translations_set_updated_at
  before update on public.product_image_translations
  for each row execute function private.touch_updated_at();

create trigger categories_refuse_delete_with_products
  before delete on public.categories
  for each row execute function private.refuse_deleting_category_with_products();

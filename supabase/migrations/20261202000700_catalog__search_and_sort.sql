/**
  * =============================================================================================
  * Catalog: search over product texts in every language, a published flag, and category sort.
  * =============================================================================================
  *
  * What the storefront calls:
  *   search page      rpc('search_products', { query, locale, page, page_size })
  *                    (cards in rank order, each row carrying total_count: the number of
  *                    matches over all pages; no rows → "nothing found")
  *   category page    rpc('category_product_cards', { category_slug, locale, sort })
  *                    (the category's product cards, ordered in SQL; no rows → 404)
  *
  * Search (public.search_products, security invoker: it reads the tables with the caller's
  * rights, so RLS decides what can be found: unpublished products only by admins).
  *   The searched text of a product in a language is its name, description and features in that
  * language, each field falling back to English where it is not translated, as the views do.
  * A query is split on white space into terms (at most 10); a product matches when every term
  * occurs in that text (case-insensitive substring, ILIKE), or, for English pages, when the
  * English full-text query matches (stemmed: "speaker" finds "speakers").
  *   Why both: PostgreSQL's text search splits words on spaces and punctuation, and Thai,
  * Chinese and (often) Korean write words without them, so a Thai word inside a Thai
  * sentence is not a lexeme it can find. Substring matching works for every script, and
  * pg_trgm's GIN indexes (gin_trgm_ops) make ILIKE '%term%' an index scan. A term of one or two
  * characters (common in Chinese and Korean) has no trigram: the index then reads all its
  * entries and the ILIKE recheck keeps the matches, so short queries still work, just without
  * the index narrowing them.
  *   Candidates come from three index-backed reads (the longest term in the English texts,
  * in the language's translation texts, and the English full-text index:
  * private.search_candidates, see there why it is a definer function); the product's
  * effective (fallback) text is then checked against every term, so an English field that has
  * a translation never makes a product match in that language.
  *   Rank: 0 the name is the query, 1 the name starts with it, 2 a word of the name starts
  * with it, 3 the name contains every term, 4 a match elsewhere (description, features, or
  * full text only); within a tier the full-text rank, then trigram similarity of the name,
  * then the name and slug (a stable order for paging).
  *
  * Published: products.published (default true). The read policy shows published products to
  * everyone and every product to admins; the views are security invoker, so cards, pages,
  * related cards and search all follow it with no change of their own.
  *
  * Error codes raised here:
  *   22023  search_query_invalid  query empty, longer than 100 characters, or with control
  *                                characters
  *   PT422  page_invalid          page < 1, or page_size not 1-100
  *   22P02  (PostgreSQL's own)    a sort that is not a public.product_sort value
  */

create extension if not exists pg_trgm with schema extensions;

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.product_sort as enum ('featured', 'price_asc', 'price_desc', 'newest');
comment on type public.product_sort is
  'Orders of a category page: featured (new first, then the shop''s position: the default), price_asc, price_desc, newest (created_at).';

/**
  * -------------------------------------------------------
  * Section - Tables
  * -------------------------------------------------------
 */

alter table public.products add column published boolean not null default true;
comment on column public.products.published is
  'Shown in the storefront (cards, pages, search). Unpublished products are read by admins only (RLS).';

/**
  * -------------------------------------------------------
  * Section - Indexes
  * -------------------------------------------------------
 */

-- The expressions are the ones search_products compares with, character for character: an
-- expression index is used only for the same expression.
create index products_search_text_trgm_idx on public.products
  using gin ((name || ' ' || description || ' ' || features) extensions.gin_trgm_ops);
create index products_search_text_fts_idx on public.products
  using gin (to_tsvector('english'::regconfig, name || ' ' || description || ' ' || features));
create index product_translations_search_text_trgm_idx on public.product_translations
  using gin ((coalesce(name, '') || ' ' || coalesce(description, '') || ' ' || coalesce(features, '')) extensions.gin_trgm_ops);

/**
  * -------------------------------------------------------
  * Section - RLS
  * -------------------------------------------------------
 */

drop policy "Anyone can read products" on public.products;
create policy "Anyone can read published products, admins all products" on public.products
  for select to anon, authenticated using (published or (select private.is_admin()));

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
  * The ids of products whose English texts, or whose translation into `locale`, contain
  * `pattern` (an ILIKE pattern), or whose English text matches `fts`: the index-backed first
  * step of search_products. Definer because under RLS PostgreSQL may not use an index for
  * ILIKE or @@ on products (neither operator is leakproof, so they must run after the read
  * policy, row by row: a sequential scan). It returns ids only; search_products joins them to
  * public.products as the caller, so RLS still decides what is found.
 */
create function private.search_candidates(pattern text, fts tsquery, locale public.locale)
  returns setof uuid
  language plpgsql
  stable
  security definer
  set search_path = ''
as $$
begin
  -- EXECUTE plans with the values in hand: a cached (generic) plan cannot tell how selective
  -- ILIKE $1 is and reads the whole table instead of the trigram index.
  return query execute $query$
    select p.id from public.products as p
    where (p.name || ' ' || p.description || ' ' || p.features) ilike $1
    union
    select pt.product_id from public.product_translations as pt
    where pt.locale = $3
      and (coalesce(pt.name, '') || ' ' || coalesce(pt.description, '') || ' ' || coalesce(pt.features, '')) ilike $1
    union
    select p.id from public.products as p
    where $2 is not null
      and to_tsvector('english'::regconfig, p.name || ' ' || p.description || ' ' || p.features) @@ $2
  $query$ using search_candidates.pattern, search_candidates.fts, search_candidates.locale;
end;
$$;

comment on function private.search_candidates(text, tsquery, public.locale) is
  'First step of public.search_products: ids of products whose English or translated texts contain the pattern, or whose English text matches the full-text query, read through the trigram and full-text indexes (RLS would forbid them). Ids only; the caller''s RLS is applied afterwards.';
revoke all on function private.search_candidates(text, tsquery, public.locale) from public;
grant execute on function private.search_candidates(text, tsquery, public.locale) to anon, authenticated, service_role;

/**
  * Product search for the storefront: see the header. Security invoker (RLS applies);
  * plpgsql because it checks its arguments before it reads anything.
 */
create function public.search_products(query text, locale public.locale, page integer default 1, page_size integer default 24)
  returns table (
    id uuid,
    slug text,
    name text,
    category_slug text,
    price numeric,
    is_new boolean,
    description text,
    availability public.stock_status,
    quantity_left integer,
    image_mobile text,
    image_tablet text,
    image_desktop text,
    image_alt text,
    match_rank integer,
    total_count bigint
  )
  language plpgsql
  stable
  security invoker
  set search_path = ''
as $$
#variable_conflict use_column
declare
  wanted text := btrim(search_products.query);
  terms text[];
  patterns text[];
  longest text;
  fts tsquery;
begin
  if wanted is null or wanted = '' or length(wanted) > 100 or not private.is_typed_text(wanted) then
    raise exception using
      errcode = '22023',
      message = 'Type 1-100 characters to search for.',
      hint = 'search_query_invalid';
  end if;
  if coalesce(search_products.page, 0) < 1 or coalesce(search_products.page_size, 0) not between 1 and 100 then
    raise exception using
      errcode = 'PT422',
      message = 'Pages start at 1 and hold 1-100 results.',
      hint = 'page_invalid';
  end if;

  select array_agg(distinct term) into terms
  from (select t as term from unnest(regexp_split_to_array(wanted, '\s+')) as t limit 10) as split;
  -- ILIKE patterns with the wildcard characters of the terms taken literally.
  patterns := array(select '%' || replace(replace(replace(t, '\', '\\'), '%', '\%'), '_', '\_') || '%' from unnest(terms) as t);
  longest := (select p from unnest(patterns) as p order by length(p) desc, p limit 1);
  fts := case when search_products.locale = 'en' then pg_catalog.websearch_to_tsquery('english'::regconfig, wanted) end;

  return query
  with candidates as (
    select c.product_id as id from private.search_candidates(longest, fts, search_products.locale) as c (product_id)
  ),
  localized as (
    select
      p.id,
      coalesce(pt.name, p.name) as name,
      coalesce(pt.name, p.name) || ' ' || coalesce(pt.description, p.description) || ' ' || coalesce(pt.features, p.features)
        as search_text,
      p.name || ' ' || p.description || ' ' || p.features as english_text
    from candidates as c
    join public.products as p on p.id = c.id
    left join public.product_translations as pt on pt.product_id = p.id and pt.locale = search_products.locale
  ),
  matched as (
    select
      l.id,
      case
        when lower(l.name) = lower(wanted) then 0
        when l.name ilike replace(replace(replace(wanted, '\', '\\'), '%', '\%'), '_', '\_') || '%' then 1
        when l.name ~* ('(^|\s)' || regexp_replace(wanted, '([^[:alnum:][:space:]])', '\\\1', 'g')) then 2
        when l.name ilike all (patterns) then 3
        else 4
      end as match_rank,
      coalesce(pg_catalog.ts_rank(to_tsvector('english'::regconfig, l.english_text), fts), 0) as text_rank,
      extensions.similarity(l.name, wanted) as name_similarity,
      l.name
    from localized as l
    where l.search_text ilike all (patterns)
       or (fts is not null and to_tsvector('english'::regconfig, l.english_text) @@ fts)
  ),
  ranked as (
    select m.*, count(*) over () as total_count
    from matched as m
    order by m.match_rank, m.text_rank desc, m.name_similarity desc, m.name
    limit search_products.page_size offset (search_products.page - 1) * search_products.page_size
  )
  select
    pc.id, pc.slug, pc.name::text, pc.category_slug, pc.price, pc.is_new, pc.description::text, pc.availability,
    pc.quantity_left, pc.image_mobile, pc.image_tablet, pc.image_desktop, pc.image_alt, r.match_rank, r.total_count
  from ranked as r
  join public.product_cards as pc on pc.id = r.id and pc.locale = search_products.locale
  order by r.match_rank, r.text_rank desc, r.name_similarity desc, r.name, pc.slug;
end;
$$;

comment on function public.search_products(text, public.locale, integer, integer) is
  'Storefront search: product cards in the given language whose name, description or features (English where not translated) contain every term of the query (any script), or match it as English full text; best first (exact, prefix, word-prefix name matches, then the rest). total_count on each row counts every match. 22023 search_query_invalid, PT422 page_invalid.';
revoke all on function public.search_products(text, public.locale, integer, integer) from public;
grant execute on function public.search_products(text, public.locale, integer, integer) to anon, authenticated, service_role;

/**
  * A category's product cards in the order a shopper picked, ordered here (not by the caller)
  * so every order has the same stable tie-breakers: position, then slug. SQL, security invoker
  * and without a search_path setting, so PostgreSQL can inline it into the caller's query; an
  * unknown sort is refused by the enum itself (22P02).
 */
create function public.category_product_cards(category_slug text, locale public.locale, sort public.product_sort default 'featured')
  returns setof public.product_cards
  language sql
  stable
  security invoker
as $$
  select pc.*
  from public.product_cards as pc
  join public.products as p on p.id = pc.id
  where pc.locale = category_product_cards.locale and pc.category_slug = category_product_cards.category_slug
  order by
    case when category_product_cards.sort = 'featured' then not pc.is_new end,
    case when category_product_cards.sort = 'price_asc' then pc.price end asc,
    case when category_product_cards.sort = 'price_desc' then pc.price end desc,
    case when category_product_cards.sort = 'newest' then p.created_at end desc,
    case when category_product_cards.sort = 'newest' then not pc.is_new end,
    pc.position,
    pc.slug;
$$;

comment on function public.category_product_cards(text, public.locale, public.product_sort) is
  'A category''s product cards in one language, in the order asked for: featured (default: new first, then position), price_asc, price_desc, newest (created_at, then new first); ties by position, then slug.';
revoke all on function public.category_product_cards(text, public.locale, public.product_sort) from public;
grant execute on function public.category_product_cards(text, public.locale, public.product_sort) to anon, authenticated, service_role;

/**
  * -------------------------------------------------------
  * Section - Grants
  * -------------------------------------------------------
 */

grant select (published) on public.products to anon, authenticated;
grant insert (published), update (published) on public.products to authenticated;

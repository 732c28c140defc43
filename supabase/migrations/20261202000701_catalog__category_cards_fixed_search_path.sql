/**
  * public.category_product_cards gets a fixed, empty search_path, like every other function in
  * an exposed schema (the database advisors' function_search_path_mutable lint). Migration
  * …0700 left it unset so PostgreSQL could inline the SQL function into a caller's query; but
  * the app only ever calls it through the API (one call per category page, not inside another
  * query), so inlining bought nothing there, and a function whose names resolve through the
  * caller's search_path can be pointed at look-alike objects. Every name in its body is already
  * schema-qualified, so its behaviour does not change.
  */
alter function public.category_product_cards(text, public.locale, public.product_sort) set search_path = '';

-- =============================================================================================
-- The store's languages: en (the base language), th, ko, zh-TW. One type names a language
-- wherever the database keeps one: the catalog's translations (…0300: category, product,
-- in-the-box and image texts per language, English in the base tables) and the language a
-- member chose (profiles.locale, …0210; mails read it). The app's list is app/i18n/locales.ts.
--
-- An enum rather than a text domain with a CHECK:
--   * the localized catalog views (…0300) yield one row per entity and language by
--     unnest(enum_range(null::public.locale)), so the list lives in exactly one place and a new
--     language appears in every view (English text until it is translated) without recreating
--     them;
--   * `npm run db:types` turns it into the union 'en' | 'th' | 'ko' | 'zh-TW', the same as the
--     app's Locale type, so `.eq('locale', locale)` and profiles.locale are typed end to end.
-- Adding a language: a new migration `alter type public.locale add value 'ja';` (a value added
-- in a transaction cannot be used before it commits, so its translations go in a later
-- migration, the seed or Studio), then app/i18n/locales.ts and the message files.
-- A value outside the list is refused with 22P02 (invalid input value for enum locale).
-- =============================================================================================

/**
  * -------------------------------------------------------
  * Section - Types
  * -------------------------------------------------------
 */

create type public.locale as enum ('en', 'th', 'ko', 'zh-TW');
comment on type public.locale is
  'A language of the store: en (the base language: English text lives in the base tables), th, ko, zh-TW (Traditional Chinese, Taiwan). BCP 47 spelling; app/i18n/locales.ts lists the same.';

-- The localized views (…0300) read coalesce(translation, English text): never null, as the
-- English columns are not null, but PostgreSQL cannot see that through an expression, and
-- `npm run db:types` would type every such column `string | null` where the English column was
-- `string`. A NOT NULL domain says it (and checks it on every row).
create domain public.localized_text as text not null;
comment on domain public.localized_text is
  'A text of a localized view: the translation in the row''s language, else the English text. Never null.';

/**
  * -------------------------------------------------------
  * Section - Functions
  * -------------------------------------------------------
 */

/**
 * The language a piece of text names, case-insensitively (zh-tw and ZH-TW are zh-TW); null
 * for anything else, never an error, so the signup trigger may call it on any metadata.
 * Reads the enum's own labels, so a language added to the type is recognised at once.
 */
create function private.to_locale(value text)
returns public.locale
language sql
stable
set search_path = ''
as $$
  select l.locale
    from unnest(pg_catalog.enum_range(null::public.locale)) as l(locale)
   where pg_catalog.lower(l.locale::text) = pg_catalog.lower(to_locale.value)
   limit 1;
$$;

comment on function private.to_locale(text) is
  'The public.locale a text names, case-insensitively (zh-tw → zh-TW); null when it names none. Never raises.';

revoke execute on function private.to_locale(text) from public;

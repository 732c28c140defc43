import { Form, Link, NavLink, useLocation, useSearchParams } from '@remix-run/react';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from '~/i18n/react';
import { LOCALE_NAMES, LOCALES, splitLocalePath } from '~/i18n/locales';
import { useLocale, useLocalizedPath } from '~/i18n/use-locale';

// The store's sections: home, then every category in the order the catalog gives (the root
// loader reads them, in the page's language). When the root loader failed, the error page
// still gets a way home.
export interface NavCategory {
  slug: string;
  name: string;
}

export interface HeaderUser {
  email: string | null;
  /** Shows the "Admin" link (profiles.role; the admin area checks again on every request). */
  isAdmin: boolean;
}

export function SiteHeader({
  user,
  cartCount,
  categories,
}: {
  user: HeaderUser | null;
  cartCount: number;
  categories: NavCategory[];
}) {
  const { t } = useTranslation();
  const to = useLocalizedPath();
  const navLinks = [
    { to: to('/'), label: t('header.home'), end: true },
    ...categories.map((category) => ({ to: to(`/categories/${category.slug}`), label: category.name, end: false })),
    { to: to('/events'), label: t('header.events'), end: false },
  ];
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t('header.skipToContent')}
      </a>
      <div className="container site-header__inner">
        {/* The visible name starts the accessible one (WCAG 2.5.3), whatever the language. */}
        <Link to={to('/')} className="brand">
          audiostore<span className="visually-hidden"> {t('header.homeLabel')}</span>
        </Link>
        <HeaderSearch />
        <Link to={to('/cart')} className="cart-link" data-testid="cart-link">
          <CartIcon />
          <span className="cart-link__label">{t('header.cart')}</span>
          <span className="visually-hidden"> {t('header.cartItems')}</span> <span className="cart-link__count">{cartCount}</span>
        </Link>
        <SiteMenu>
          <nav aria-label={t('header.mainNav')} className="main-nav">
            <ul>
              {navLinks.map((link) => (
                <li key={link.to}>
                  <NavLink to={link.to} end={link.end}>
                    {link.label}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="account-nav" data-testid="account-nav">
            <LanguageSwitcher />
            <Link to={to('/favorites')} className="favorites-link" title={t('header.favorites')}>
              <span aria-hidden="true">♡</span>
              <span className="favorites-link__label">{t('header.favorites')}</span>
            </Link>
            {user ? (
              <>
                {user.isAdmin ? (
                  // A new document: the admin area's messages ship only with its own pages.
                  <Link to={to('/admin')} reloadDocument className="admin-link">
                    {t('header.admin')}
                  </Link>
                ) : null}
                <AccountMenu email={user.email} />
              </>
            ) : (
              <>
                <Link to={to('/login')} className="sign-in-link">
                  {t('header.signIn')}
                </Link>
                <Link to={to('/signup')} className="button button--small">
                  {t('header.createAccount')}
                </Link>
              </>
            )}
          </div>
        </SiteMenu>
      </div>
    </header>
  );
}

/**
 * The store's search box: a plain GET form to the results page, so it works without
 * JavaScript; on the results page it shows the words searched for.
 */
function HeaderSearch() {
  const { t } = useTranslation();
  const to = useLocalizedPath();
  const { pathname } = useLocation();
  const [searchParams] = useSearchParams();
  const onResults = splitLocalePath(pathname).rest === '/search';
  const query = onResults ? (searchParams.get('q') ?? '') : '';
  return (
    <Form method="get" action={to('/search')} role="search" className="header-search" data-testid="header-search">
      <label htmlFor="site-search-q" className="visually-hidden">
        {t('header.searchLabel')}
      </label>
      <SearchIcon />
      {/* Keyed by the query, so a new results page shows its own words, not stale typing. */}
      <input
        key={query}
        id="site-search-q"
        className="header-search__input"
        type="search"
        name="q"
        defaultValue={query}
        placeholder={t('header.searchPlaceholder')}
        enterKeyHint="search"
        autoComplete="off"
        maxLength={100}
      />
    </Form>
  );
}

/**
 * On a phone the nav, language, favorites and account sit behind one menu button (a
 * disclosure: aria-expanded and aria-controls; Escape closes it and gives focus back to the
 * button). From tablet width up the panel is laid out in the bar as before and the button is
 * hidden. Without JavaScript there is no button: root marks the document with `js` before
 * it paints, and only then does the stylesheet fold the panel away, so a phone without
 * JavaScript gets the panel open under the bar.
 */
function SiteMenu({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // Open on the page where it was opened: the header stays mounted across in-app navigations,
  // and a new page closes the menu.
  const [openOn, setOpenOn] = useState<string | null>(null);
  const open = openOn === pathname;
  const setOpen = (value: boolean) => setOpenOn(value ? pathname : null);
  const button = useRef<HTMLButtonElement>(null);
  const closeOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || !open) return;
    // An open language or account list inside closes first (its own <details>).
    const inner = (event.target as HTMLElement).closest('details[open]');
    if (inner) {
      inner.removeAttribute('open');
      inner.querySelector('summary')?.focus();
    } else {
      setOpen(false);
      button.current?.focus();
    }
    event.stopPropagation();
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className="menu-button"
        aria-expanded={open}
        aria-controls="site-menu"
        onClick={() => setOpen(!open)}
        onKeyDown={closeOnEscape}
      >
        <MenuIcon open={open} />
        <span className="visually-hidden">{t('header.menu')}</span>
      </button>
      {/* Escape is handled here, inside the panel, and on the button. */}
      <div id="site-menu" className="site-menu" data-open={open ? 'true' : undefined} onKeyDown={closeOnEscape}>
        {children}
      </div>
    </>
  );
}

// Icons are drawn, not emoji (not every system has an emoji font), and hidden from assistive
// technology: the text next to them names the control.
function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg className="menu-button__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="24" height="24">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        d={open ? 'M6 6l12 12M18 6L6 18' : 'M4 7h16M4 12h16M4 17h16'}
      />
    </svg>
  );
}

function SearchIcon() {
  return (
    <svg className="header-search__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="18" height="18">
      <g fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
        <circle cx="11" cy="11" r="6.5" />
        <path d="M16 16l4.5 4.5" />
      </g>
    </svg>
  );
}

function CartIcon() {
  return (
    <svg className="cart-link__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="22" height="22">
      <g fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round">
        <path d="M3 4h2.5l2.2 10.5h10.6L20.5 7H6.6" />
        <circle cx="9.5" cy="19" r="1.4" />
        <circle cx="17" cy="19" r="1.4" />
      </g>
    </svg>
  );
}

/**
 * The signed-in person's menu: account, orders, events and coupons, favorites, sign out. A
 * <details>, so it opens without JavaScript too (phones included); it closes again when a page
 * changes, since the header stays mounted across in-app navigations.
 */
function AccountMenu({ email }: { email: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const to = useLocalizedPath();
  const { pathname } = useLocation();
  const menu = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  const label = email ?? t('header.yourAccount');
  return (
    <details className="account-menu" data-testid="account-menu" ref={menu}>
      <summary title={email ?? undefined}>
        <span className="visually-hidden">{t('header.signedInAs')} </span>
        <span className="account-link__email">{label}</span>
      </summary>
      <nav className="account-menu__panel" aria-label={t('header.accountMenu')}>
        <ul>
          <li><Link to={to('/account')}>{t('header.account')}</Link></li>
          <li><Link to={to('/orders')}>{t('header.orders')}</Link></li>
          <li><Link to={to('/account/events')}>{t('header.myEvents')}</Link></li>
          <li><Link to={to('/favorites')}>{t('header.favorites')}</Link></li>
          <li>
            <Form method="post" action="/logout">
              <input type="hidden" name="lang" value={locale} />
              <button type="submit" className="link-button">
                {t('header.signOut')}
              </button>
            </Form>
          </li>
        </ul>
      </nav>
    </details>
  );
}

/**
 * The same page in another language. A form, not links, because choosing is saved (the `lang`
 * cookie, and the account's language for mail); a full document load follows, since a page in
 * another language needs that language's messages. Works without JavaScript.
 */
export function LanguageSwitcher() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { pathname, search } = useLocation();
  const here = `${splitLocalePath(pathname).rest}${search}`;
  return (
    <details className="language-switcher">
      <summary aria-label={t('language.current', { name: LOCALE_NAMES[locale] })}>
        <GlobeIcon /> <span lang={locale}>{LOCALE_NAMES[locale]}</span>
      </summary>
      <Form method="post" action="/language" reloadDocument className="language-switcher__menu" aria-label={t('language.choose')}>
        <input type="hidden" name="next" value={here} />
        {LOCALES.map((option) => (
          <button
            key={option}
            type="submit"
            name="lang"
            value={option}
            lang={option}
            aria-current={option === locale ? 'true' : undefined}
            className="language-switcher__option"
          >
            {LOCALE_NAMES[option]}
          </button>
        ))}
      </Form>
    </details>
  );
}

// Drawn, not an emoji: not every system has an emoji font, and a missing glyph shows as a box.
function GlobeIcon() {
  return (
    <svg className="language-switcher__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="16" height="16">
      <g fill="none" stroke="currentColor" strokeWidth="1.8">
        <circle cx="12" cy="12" r="9" />
        <path d="M3 12h18M12 3c2.5 2.6 3.8 5.6 3.8 9s-1.3 6.4-3.8 9c-2.5-2.6-3.8-5.6-3.8-9S9.5 5.6 12 3z" />
      </g>
    </svg>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  const to = useLocalizedPath();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="brand">audiostore</p>
        <p>{t('footer.about')}</p>
        <p className="site-footer__links">
          <Link to={to('/terms')}>{t('footer.terms')}</Link> · <Link to={to('/privacy')}>{t('footer.privacy')}</Link>
        </p>
        <p className="site-footer__legal">{t('footer.rights', { year: new Date().getFullYear() })}</p>
      </div>
    </footer>
  );
}

import { Form, Link, NavLink, useLocation } from '@remix-run/react';
import { useEffect, useRef } from 'react';
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
            <span className="visually-hidden">{t('header.favorites')}</span>
          </Link>
          <Link to={to('/cart')} className="cart-link" data-testid="cart-link">
            {t('header.cart')}
            <span className="visually-hidden"> {t('header.cartItems')}</span> <span className="cart-link__count">{cartCount}</span>
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
              <Link to={to('/login')}>{t('header.signIn')}</Link>
              <Link to={to('/signup')} className="button button--small">
                {t('header.createAccount')}
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
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

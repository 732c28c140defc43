import { Form, Link, NavLink } from '@remix-run/react';

// The store's sections. Category pages arrive with the catalog; until then these links land on
// the 404 page, which is the honest answer.
const NAV_LINKS = [
  { to: '/', label: 'Home', end: true },
  { to: '/category/headphones', label: 'Headphones', end: false },
  { to: '/category/speakers', label: 'Speakers', end: false },
  { to: '/category/earphones', label: 'Earphones', end: false },
] as const;

export interface HeaderUser {
  email: string | null;
}

export function SiteHeader({ user, cartCount }: { user: HeaderUser | null; cartCount: number }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <div className="container site-header__inner">
        <Link to="/" className="brand" aria-label="Audio store, home">
          audiostore
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            {NAV_LINKS.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account-nav" data-testid="account-nav">
          <Link to="/cart" className="cart-link" data-testid="cart-link">
            Cart<span className="visually-hidden"> items:</span> <span className="cart-link__count">{cartCount}</span>
          </Link>
          {user ? (
            <>
              <Link to="/account" className="account-link" title={user.email ?? undefined}>
                <span className="visually-hidden">Signed in as </span>
                <span className="account-link__email">{user.email ?? 'Your account'}</span>
              </Link>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/login">Sign in</Link>
              <Link to="/signup" className="button button--small">
                Create account
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p className="brand">audiostore</p>
        <p>
          Headphones, speakers and earphones for people who listen closely. Members get invitations to
          listening events.
        </p>
        <p className="site-footer__legal">© {new Date().getFullYear()} Audio store. All rights reserved.</p>
      </div>
    </footer>
  );
}

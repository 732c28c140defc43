import { Form, Link, NavLink } from '@remix-run/react';

// The store's sections: home, then every category in the order the catalog gives (the root
// loader reads them). When the root loader failed, the error page still gets a way home.
export interface NavCategory {
  slug: string;
  name: string;
}

export interface HeaderUser {
  email: string | null;
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
  const navLinks = [
    { to: '/', label: 'Home', end: true },
    ...categories.map((category) => ({ to: `/categories/${category.slug}`, label: category.name, end: false })),
  ];
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
          <Link to="/favorites" className="favorites-link" title="Favorites">
            <span aria-hidden="true">♡</span>
            <span className="visually-hidden">Favorites</span>
          </Link>
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

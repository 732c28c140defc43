// Where a deleted account lands, signed out. A page of its own because the home page belongs to
// the catalog and has no notice area; this one says what happened and leads back to the store.
import type { MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'Account deleted | Audio store' }];

export default function AccountDeletedPage() {
  return (
    <section className="container account-page" aria-labelledby="deleted-title">
      <h1 id="deleted-title">Your account has been deleted</h1>
      <p role="status">You are signed out, and your personal details are gone. Thank you for shopping with us.</p>
      <p>
        <Link className="button" to="/">
          Back to the store
        </Link>
      </p>
    </section>
  );
}

import type { MetaFunction } from '@remix-run/node';
import { Link, useSearchParams } from '@remix-run/react';

export const meta: MetaFunction = () => [{ title: 'Check your email | Audio store' }];

// Shown after signup when email confirmation is on: the account exists but has no session yet.
export default function CheckEmailPage() {
  const [searchParams] = useSearchParams();
  const email = searchParams.get('email');
  return (
    <section className="container auth-page" aria-labelledby="check-email-title">
      <h1 id="check-email-title">Check your email</h1>
      <p>
        We sent a confirmation link to {email ? <strong>{email}</strong> : 'your email address'}. Open it on this
        device to finish creating your account.
      </p>
      <p>
        <Link to="/login">Back to sign in</Link>
      </p>
    </section>
  );
}

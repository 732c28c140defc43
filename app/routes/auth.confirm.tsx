// Where links in Auth emails land (signup confirmation, magic link, recovery, email change).
// Two shapes reach us: `?token_hash=…&type=…` (email templates pointing at the app) and
// `?code=…` (PKCE: Auth verified the link and sends a one-time code, whose verifier is the
// cookie the signup response set in this browser).
import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from '~/utils/zod';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { safeRedirect } from '~/utils/redirect';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction = () => [{ title: 'Confirm your email | Audio store' }];

const EmailOtpTypeSchema = z.enum(['signup', 'invite', 'magiclink', 'recovery', 'email_change', 'email']);

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { supabase, headers } = createSupabaseServerClient(request);
  const tokenHash = url.searchParams.get('token_hash');
  const type = EmailOtpTypeSchema.safeParse(url.searchParams.get('type'));
  const code = url.searchParams.get('code');
  // Links may carry `next` (e.g. a future password-reset page); only paths on this site.
  // Never back to this page: without its parameters it could only say the link is bad.
  const requested = safeRedirect(url.searchParams.get('next'), '/account');
  // A recovery link signs the person in only so they can choose a new password, so it always
  // lands there (Auth's `next` falls back to the site root when the redirect is not allow-listed).
  const next =
    type.success && type.data === 'recovery'
      ? '/reset-password'
      : new URL(requested, url).pathname === url.pathname
        ? '/account'
        : requested;

  if (url.searchParams.has('error_description')) {
    return json({ problem: url.searchParams.get('error_description') ?? 'The link is not valid.' }, { status: 400, headers });
  }
  if (tokenHash && type.success) {
    const { error } = await supabase.auth.verifyOtp({ type: type.data, token_hash: tokenHash });
    if (!error) return redirect(next, { headers });
  } else if (code) {
    const { error } = await supabase.auth.exchangeCodeForSession(code);
    if (!error) return redirect(next, { headers });
  }
  return json(
    { problem: 'This link is invalid or has expired. Links work once and for a limited time.' },
    { status: 400, headers },
  );
}

export default function ConfirmPage() {
  const { problem } = useLoaderData<typeof loader>();
  return (
    <section className="container auth-page" aria-labelledby="confirm-title">
      <h1 id="confirm-title">We could not confirm that link</h1>
      <p role="alert">{problem}</p>
      <p>
        <Link className="button" to="/login">
          Go to sign in
        </Link>
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

// The terms of service signup asks people to accept. The version shown is app_settings.terms_version,
// which the database records with each acceptance (public.consents).
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { getLegalVersions } from '~/models/settings.server';
import accountStylesHref from '~/styles/account.css';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction = () => [{ title: 'Terms of service | Audio store' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const { termsVersion } = await getLegalVersions(supabase);
  return json({ version: termsVersion }, { headers });
}

export default function TermsPage() {
  const { version } = useLoaderData<typeof loader>();
  return (
    <article className="container legal-page" aria-labelledby="terms-title">
      <h1 id="terms-title">Terms of service</h1>
      <p className="muted">Version {version}</p>
      <h2>Orders</h2>
      <p>
        Adding a product to your cart holds it for 30 minutes. An order is placed when you confirm the checkout; prices
        include VAT, and shipping is a flat 50.00. You can cancel an order while it is pending.
      </p>
      <h2>Accounts</h2>
      <p>
        Keep your password to yourself. You can change your details, download your data or delete your account at any
        time on your account page. Orders are kept for our records after an account is deleted.
      </p>
      <h2>Events</h2>
      <p>Members with an invitation may enroll in events; places are limited and confirmed by the store.</p>
    </article>
  );
}

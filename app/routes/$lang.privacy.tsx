// The privacy notice signup asks people to accept (version: app_settings.privacy_version,
// recorded with each acceptance in public.consents). Written for Thailand's PDPA, Korea's PIPA
// and the GDPR alike: what we keep, why, and the rights the account page gives.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { getLegalVersions } from '~/models/settings.server';
import accountStylesHref from '~/styles/account.css';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction = () => [{ title: 'Privacy notice | Audio store' }];
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const { privacyVersion } = await getLegalVersions(supabase);
  return json({ version: privacyVersion }, { headers });
}

export default function PrivacyPage() {
  const { version } = useLoaderData<typeof loader>();
  return (
    <article className="container legal-page" aria-labelledby="privacy-title">
      <h1 id="privacy-title">Privacy notice</h1>
      <p className="muted">Version {version}</p>
      <h2>What we keep</h2>
      <p>
        Your email address, the names, phone number and birthday you give us, your cart, favourites and orders (with
        the delivery details you enter at checkout), and which version of these texts you accepted.
      </p>
      <h2>Why</h2>
      <p>To run your account, deliver your orders and invite you to events. We do not sell your data.</p>
      <h2>Your rights</h2>
      <p>
        On your account page you can correct your details, download all your data as a file, and delete your account.
        Deleting it removes your profile, cart and favourites; orders are kept for our accounting records, and our
        internal log keeps only that an account was deleted, not who you were.
      </p>
    </article>
  );
}

// The terms of service signup asks people to accept. The version shown is app_settings.terms_version,
// which the database records with each acceptance (public.consents). The text is translated as a
// whole (account:terms.*); the version is the same in every language.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat } from '~/i18n/use-locale';
import { getLegalVersions } from '~/models/settings.server';
import accountStylesHref from '~/styles/account.css';
import { previewOrderTotals } from '~/utils/money';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

// The flat shipping of any order, by the rule the cart previews place_order's totals with.
const SHIPPING_CENTS = previewOrderTotals([{ unitPrice: 1, quantity: 1 }]).shippingCents;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const locale = pageLocale(params);
  const { termsVersion } = await getLegalVersions(supabase);
  return json({ version: termsVersion, title: pageTitle(locale, fixedT(locale, 'account')('terms.title')) }, { headers });
}

export default function TermsPage() {
  const { version } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  const format = useFormat();
  return (
    <article className="container legal-page" aria-labelledby="terms-title">
      <h1 id="terms-title">{t('terms.title')}</h1>
      <p className="muted">{t('legal.version', { version })}</p>
      <h2>{t('terms.orders.title')}</h2>
      <p>{t('terms.orders.body', { shipping: format.cents(SHIPPING_CENTS) })}</p>
      <h2>{t('terms.accounts.title')}</h2>
      <p>{t('terms.accounts.body')}</p>
      <h2>{t('terms.events.title')}</h2>
      <p>{t('terms.events.body')}</p>
    </article>
  );
}

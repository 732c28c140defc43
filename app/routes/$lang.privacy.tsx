// The privacy notice signup asks people to accept (version: app_settings.privacy_version,
// recorded with each acceptance in public.consents). Written for Thailand's PDPA, Korea's PIPA
// and the GDPR alike: what we keep, why, and the rights the account page gives. The text is
// translated as a whole (account:privacy.*); the version is the same in every language.
import { json, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { getLegalVersions } from '~/models/settings.server';
import accountStylesHref from '~/styles/account.css';
import { createSupabaseServerClient } from '~/utils/supabase.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { supabase, headers } = createSupabaseServerClient(request);
  const locale = pageLocale(params);
  const { privacyVersion } = await getLegalVersions(supabase);
  return json({ version: privacyVersion, title: pageTitle(locale, fixedT(locale, 'account')('privacy.title')) }, { headers });
}

export default function PrivacyPage() {
  const { version } = useLoaderData<typeof loader>();
  const { t } = useTranslation('account');
  return (
    <article className="container legal-page" aria-labelledby="privacy-title">
      <h1 id="privacy-title">{t('privacy.title')}</h1>
      <p className="muted">{t('legal.version', { version })}</p>
      <h2>{t('privacy.keep.title')}</h2>
      <p>{t('privacy.keep.body')}</p>
      <h2>{t('privacy.why.title')}</h2>
      <p>{t('privacy.why.body')}</p>
      <h2>{t('privacy.rights.title')}</h2>
      <p>{t('privacy.rights.body')}</p>
    </article>
  );
}

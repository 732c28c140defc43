import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useSearchParams } from '@remix-run/react';
import { Trans, useTranslation } from '~/i18n/react';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  return json({ title: pageTitle(locale, fixedT(locale, 'account')('checkEmail.title')) });
}

// Shown after signup when email confirmation is on: the account exists but has no session yet.
export default function CheckEmailPage() {
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  const email = searchParams.get('email');
  return (
    <section className="container auth-page" aria-labelledby="check-email-title">
      <h1 id="check-email-title">{t('checkEmail.title')}</h1>
      <p>
        {email ? (
          // The address comes from the URL: an element's text, never part of the message's markup.
          <Trans t={t} i18nKey="checkEmail.sentTo" components={{ email: <strong>{email}</strong> }} />
        ) : (
          t('checkEmail.sentToYou')
        )}
      </p>
      <p>
        <Link to={to('/login')}>{t('checkEmail.backToSignIn')}</Link>
      </p>
    </section>
  );
}

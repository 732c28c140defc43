// Where a deleted account lands, signed out. A page of its own because the home page belongs to
// the catalog and has no notice area; this one says what happened and leads back to the store.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  return json({ title: pageTitle(locale, fixedT(locale, 'account')('accountDeleted.pageTitle')) });
}

export default function AccountDeletedPage() {
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  return (
    <section className="container account-page" aria-labelledby="deleted-title">
      <h1 id="deleted-title">{t('accountDeleted.title')}</h1>
      <p role="status">{t('accountDeleted.body')}</p>
      <p>
        <Link className="button" to={to('/')}>
          {t('accountDeleted.backToStore')}
        </Link>
      </p>
    </section>
  );
}

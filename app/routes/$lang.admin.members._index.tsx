// /admin/members: find an account (find_accounts: part of a name or email, a birthday, a phone
// number in national or international form), 20 a page, newest first.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { FormErrors, StatusMessage } from '~/components/forms';
import { formatPersonName } from '~/i18n/format';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocale, useLocalizedPath } from '~/i18n/use-locale';
import { findAccounts, MEMBERS_PAGE_SIZE, type AccountMatch } from '~/models/admin-members.server';
import { requireAdmin } from '~/utils/admin.server';
import { describeRpcError } from '~/utils/rpc-errors';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const url = new URL(request.url);
  const query = (url.searchParams.get('q') ?? '').trim().slice(0, 200);
  const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const title = pageTitle(locale, fixedT(locale, 'admin')('members.title'));
  const none: AccountMatch[] = [];
  if (!query) return json({ query, page, accounts: none, total: 0, error: null, title }, { headers });
  const result = await findAccounts(supabase, query, page);
  if (!result.ok) return json({ query, page, accounts: none, total: 0, error: describeRpcError(result.error, fixedT(locale, 'errors')), title }, { headers });
  return json({ query, page, ...result.data, error: null, title }, { headers });
}

export default function AdminMembers() {
  const { query, page, accounts, total, error } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('admin');
  const locale = useLocale();
  const to = useLocalizedPath();
  const pageLink = (target: number) => to(`/admin/members?${new URLSearchParams({ q: query, page: String(target) })}`);
  return (
    <section className="container admin-page" aria-labelledby="members-title">
      <h1 id="members-title">{t('members.title')}</h1>
      <StatusMessage>{searchParams.get('deleted') === '1' ? <p>{t('members.deleted')}</p> : null}</StatusMessage>
      <p>{t('members.lead')}</p>
      <Form method="get" className="admin-filter" role="search">
        <label htmlFor="member-query">{t('members.query')}</label>
        <input id="member-query" name="q" type="search" defaultValue={query} maxLength={200} required />
        <button type="submit" className="button button--small">
          {t('members.search')}
        </button>
      </Form>
      <FormErrors errors={error ? [error] : []} />
      {query && !error ? (
        accounts.length === 0 ? (
          <p>{t('members.none')}</p>
        ) : (
          <>
            <p role="status">{t('members.results', { count: total })}</p>
            <div className="table-scroll">
              <table className="admin-table" data-testid="member-results">
                <thead>
                  <tr>
                    <th scope="col">{t('members.name')}</th>
                    <th scope="col">{t('members.email')}</th>
                    <th scope="col">{t('members.phone')}</th>
                    <th scope="col">{t('members.birthday')}</th>
                    <th scope="col">{t('members.role')}</th>
                  </tr>
                </thead>
                <tbody>
                  {accounts.map((account) => {
                    const name = account.display_name || formatPersonName({ givenName: account.first_name ?? '', familyName: account.last_name ?? '' }, locale) || account.email || account.user_id;
                    return (
                      <tr key={account.user_id}>
                        <th scope="row">
                          <Link to={to(`/admin/members/${account.user_id}`)}>{name}</Link>
                          {account.is_anonymous ? <span className="tag">{t('members.guest')}</span> : null}
                        </th>
                        <td>{account.email}</td>
                        <td>{account.phone}</td>
                        <td>{account.birthday}</td>
                        <td>{account.role}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="admin-pager">
              {page > 1 ? <Link to={pageLink(page - 1)}>{t('members.previous')}</Link> : null}
              {page * MEMBERS_PAGE_SIZE < total ? <Link to={pageLink(page + 1)}>{t('members.next')}</Link> : null}
            </p>
          </>
        )
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

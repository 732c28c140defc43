// /admin/audit: who changed what, when and why, newest first; filtered by the operator (actor
// id), the member or record (target id) or the table. 50 entries a page.
import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { fixedT } from '~/i18n/i18n.server';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useFormat, useLocalizedPath } from '~/i18n/use-locale';
import { isUuid } from '~/models/admin-events.server';
import { AUDIT_PAGE_SIZE, listAudit } from '~/models/admin-shop.server';
import { requireAdmin } from '~/utils/admin.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const url = new URL(request.url);
  const actor = (url.searchParams.get('actor') ?? '').trim();
  const target = (url.searchParams.get('target') ?? '').trim().slice(0, 200);
  const table = (url.searchParams.get('table') ?? '').trim();
  const page = Math.max(1, Math.min(1000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1));
  const entries = await listAudit(supabase, {
    actorId: isUuid(actor) ? actor : null,
    targetId: target || null,
    table: /^[a-z_]+\.[a-z_]+$/.test(table) ? table : null,
    page,
  });
  return json({ entries, actor, target, table, page, title: pageTitle(locale, fixedT(locale, 'admin')('audit.title')) }, { headers });
}

/** A short, readable form of a JSON value for the table (the full one is in Studio). */
function summarize(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

export default function AdminAudit() {
  const { entries, actor, target, table, page } = useLoaderData<typeof loader>();
  const { t } = useTranslation('admin');
  const format = useFormat();
  const to = useLocalizedPath();
  const pageLink = (target_: number) => to(`/admin/audit?${new URLSearchParams({ actor, target, table, page: String(target_) })}`);
  return (
    <section className="container admin-page" aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <p>{t('audit.lead')}</p>
      <Form method="get" className="admin-filter" role="search">
        <label htmlFor="audit-actor">{t('audit.actor')}</label>
        <input id="audit-actor" name="actor" defaultValue={actor} maxLength={36} spellCheck={false} />
        <label htmlFor="audit-target">{t('audit.target')}</label>
        <input id="audit-target" name="target" defaultValue={target} maxLength={200} spellCheck={false} />
        <label htmlFor="audit-table">{t('audit.table')}</label>
        <input id="audit-table" name="table" defaultValue={table} maxLength={80} placeholder="public.enrollments" spellCheck={false} />
        <button type="submit" className="button button--small">
          {t('audit.filter')}
        </button>
      </Form>
      {entries.length === 0 ? (
        <p>{t('audit.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="admin-table" data-testid="audit-entries">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.on')}</th>
                <th scope="col">{t('audit.change')}</th>
                <th scope="col">{t('audit.why')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id} data-action={entry.action}>
                  <td>
                    <time dateTime={entry.occurred_at} suppressHydrationWarning>
                      {format.dateTime(entry.occurred_at, 'dateTime')}
                    </time>
                  </td>
                  <td>
                    {entry.actor_id ? <Link to={to(`/admin/members/${entry.actor_id}`)}>{entry.actor_id.slice(0, 8)}</Link> : t('audit.database', { role: entry.actor_role })}
                  </td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.target_table} {entry.target_id ? <code>{entry.target_id.slice(0, 8)}</code> : null}
                  </td>
                  <td>
                    <code className="audit-change">
                      {summarize(entry.old_values)}
                      {entry.old_values || entry.new_values ? ' → ' : ''}
                      {summarize(entry.new_values)}
                    </code>
                  </td>
                  <td>{entry.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="admin-pager">
        {page > 1 ? <Link to={pageLink(page - 1)}>{t('audit.previous')}</Link> : null}
        {entries.length === AUDIT_PAGE_SIZE ? <Link to={pageLink(page + 1)}>{t('audit.next')}</Link> : null}
      </p>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

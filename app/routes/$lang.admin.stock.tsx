// /admin/stock: every product's stock on hand and what shoppers see (low ones first), each
// settable with a reason. adjust_stock never goes below what shoppers hold in their carts.
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, StatusMessage } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { isUuid } from '~/models/admin-events.server';
import { adjustStock, listStock } from '~/models/admin-shop.server';
import { reasonSchema } from '~/utils/admin-schemas';
import { requireAdmin } from '~/utils/admin.server';
import { readFormData } from '~/utils/form-data.server';
import { describeRpcError, httpStatusOf } from '~/utils/rpc-errors';
import { z } from '~/utils/zod';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);

const AVAILABILITY_ORDER = { sold_out: 0, held_elsewhere: 1, few_left: 2, in_stock: 3 } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = pageLocale(params);
  const { supabase, headers } = await requireAdmin(request, locale);
  const products = (await listStock(supabase)).sort(
    (a, b) => AVAILABILITY_ORDER[a.availability ?? 'in_stock'] - AVAILABILITY_ORDER[b.availability ?? 'in_stock'],
  );
  return json({ products, title: pageTitle(locale, fixedT(locale, 'admin')('stock.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const locale = pageLocale(params);
  const t = fixedT(locale, 'admin');
  const { supabase, headers } = await requireAdmin(request, locale);
  const formData = await readFormData(request, headers);
  const productId = String(formData.get('productId') ?? '');
  const stock = z.coerce.number().int().min(0).max(1_000_000).safeParse(formData.get('stock') || undefined);
  const reason = reasonSchema(t).safeParse(formData.get('reason') ?? '');
  if (!isUuid(productId)) return json({ productId, error: t('member.unknownIntent'), fieldErrors: {} }, { status: 400, headers });
  if (!stock.success || !reason.success) {
    return json(
      {
        productId,
        error: null,
        fieldErrors: {
          ...(stock.success ? {} : { stock: [t('stock.invalidStock')] }),
          ...(reason.success ? {} : { reason: reason.error.issues.map((issue) => issue.message) }),
        },
      },
      { status: 400, headers },
    );
  }
  const result = await adjustStock(supabase, productId, stock.data, reason.data);
  if (!result.ok) {
    const code = httpStatusOf(result.error);
    if (code >= 500) console.error('adjust_stock failed', result.error);
    return json({ productId, error: describeRpcError(result.error, fixedT(locale, 'errors')), fieldErrors: {} }, { status: code, headers });
  }
  return redirect(`${localizedPath(locale, '/admin/stock')}?${new URLSearchParams({ done: productId, stock: String(stock.data) })}`, { headers });
}

export default function AdminStock() {
  const { products } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useTranslation('admin');
  const done = products.find((product) => product.id === searchParams.get('done'));
  return (
    <section className="container admin-page" aria-labelledby="stock-title">
      <h1 id="stock-title">{t('stock.title')}</h1>
      <p>{t('stock.lead')}</p>
      <StatusMessage>{done ? <p>{t('stock.done', { name: done.name, stock: searchParams.get('stock') ?? '' })}</p> : null}</StatusMessage>
      <ul className="admin-enrollments">
        {products.map((product) => {
          const reply = actionData?.productId === product.id ? actionData : null;
          return (
            <li key={product.id} className="admin-enrollment" data-testid="admin-stock" data-slug={product.slug}>
              <p>
                <strong>{product.name}</strong> · {t('stock.onHand')}: <span data-testid="on-hand">{product.onHand ?? '—'}</span> · {t('stock.shoppers')}:{' '}
                {t(`stock.${product.availability ?? 'in_stock'}`)}
              </p>
              <FormErrors errors={reply?.error ? [reply.error] : []} />
              <Form method="post" className="admin-form admin-form--inline">
                <input type="hidden" name="productId" value={product.id} />
                <Field
                  label={t('stock.newStock')}
                  inputProps={{ name: 'stock', id: `stock-${product.id}`, type: 'number', min: 0, max: 1_000_000, step: 1, required: true, defaultValue: product.onHand ?? undefined }}
                  errors={reply?.fieldErrors && 'stock' in reply.fieldErrors ? reply.fieldErrors.stock : undefined}
                />
                <Field
                  label={t('stock.reason')}
                  inputProps={{ name: 'reason', id: `stock-reason-${product.id}`, required: true, maxLength: 1000 }}
                  errors={reply?.fieldErrors && 'reason' in reply.fieldErrors ? reply.fieldErrors.reason : undefined}
                />
                <button type="submit" className="button button--small">
                  {t('stock.save')}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

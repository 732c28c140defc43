// Deleting an account is the one step here that cannot be undone, so it has its own page and
// asks the person to type DELETE. The database deletes the auth user (rpc delete_my_account);
// the profile and personal data cascade, orders survive without the user.
import { getFormProps, getInputProps, useForm } from '@conform-to/react';
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4';
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useMemo } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocalizedPath } from '~/i18n/use-locale';
import { deleteOwnAccount } from '~/models/profile.server';
import accountStylesHref from '~/styles/account.css';
import { httpStatusOf, toFormErrors } from '~/utils/rpc-errors';
import { DELETE_CONFIRMATION_WORD, getDeleteAccountFormSchema } from '~/utils/auth-schemas';
import { requireUser } from '~/utils/auth.server';
import { readFormData } from '~/utils/form-data.server';
import { expireAuthCookies } from '~/utils/supabase.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, headers } = await requireUser(request);
  const locale = pageLocale(params);
  return json({ email: user.email, title: pageTitle(locale, fixedT(locale, 'account')('deleteAccount.title')) }, { headers });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { supabase, headers } = await requireUser(request);
  const locale = pageLocale(params);
  const schema = getDeleteAccountFormSchema(fixedT(locale, 'validation'));
  const submission = parseWithZod(await readFormData(request, headers), { schema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400, headers });
  try {
    const deleted = await deleteOwnAccount(supabase);
    if (!deleted.ok) {
      console.error('account delete: rpc failed', deleted.error);
      return json(submission.reply(toFormErrors(deleted.error, fixedT(locale, 'errors'))), {
        status: httpStatusOf(deleted.error),
        headers,
      });
    }
  } catch (error) {
    console.error('account delete: unexpected failure', error);
    return json(submission.reply({ formErrors: [fixedT(locale, 'account')('authErrors.unexpected')] }), { status: 500, headers });
  }
  // The user no longer exists, so Auth may refuse to end the session; the cookies go regardless.
  await supabase.auth.signOut({ scope: 'local' }).catch(() => undefined);
  expireAuthCookies(request, headers);
  return redirect(localizedPath(locale, '/account/deleted'), { headers });
}

export default function DeleteAccountPage() {
  const { email } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const { t: tValidation } = useTranslation('validation');
  const to = useLocalizedPath();
  const schema = useMemo(() => getDeleteAccountFormSchema(tValidation), [tValidation]);
  const isPending = useIsSubmitting(to('/account/delete'));
  const [form, fields] = useForm({
    id: 'delete-account-form',
    lastResult,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section className="container account-page" aria-labelledby="delete-title">
      <h1 id="delete-title">{t('deleteAccount.title')}</h1>
      <p>
        {/* The address is an element's text, never part of the message's markup. */}
        <Trans t={t} i18nKey="deleteAccount.body" components={{ email: <strong>{email}</strong> }} />
      </p>
      <Form method="post" className="stack-form" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t('deleteAccount.confirmLabel', { word: DELETE_CONFIRMATION_WORD })}
          inputProps={{ ...getInputProps(fields.confirmation, { type: 'text' }), autoComplete: 'off', spellCheck: false }}
          errors={fields.confirmation.errors}
        />
        <div className="form-actions">
          <SubmitButton isPending={isPending} pendingLabel={t('deleteAccount.pending')}>
            {t('deleteAccount.submit')}
          </SubmitButton>
          <Link to={to('/account')}>{t('deleteAccount.keep')}</Link>
        </div>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

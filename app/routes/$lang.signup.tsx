// Sign-up: the invite code first (only in invite-only mode), then one form that asks for email and
// password first, with the optional details (names, phone, birthday as yyyy-mm-dd, account type)
// after them; all of those can be added or changed later on the account page. Each step is a
// plain POST checked on the server (no zod in the browser: form-reply.tsx), so it works without
// JavaScript; the invite step's code travels in a hidden field and the last step re-validates it,
// so nothing is stored server-side between steps and the last step cannot be fed a refused code.
// The database has the last word on the invite code (hook + trigger); this page only makes
// its answers readable.
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, type ReactElement } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { CheckboxField, Field, FormErrors, SubmitButton, useIsSubmitting } from '~/components/forms';
import { asFormReply, ErrorSummary, fieldErrors, fieldId, fieldValue, formLevelErrors, type FormReply } from '~/components/form-reply';
import { OAuthButtons } from '~/components/oauth-buttons';
import { asksFamilyNameFirst } from '~/i18n/format';
import { localizedPath, type Locale } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { useLocale, useLocalizedPath } from '~/i18n/use-locale';
import accountStylesHref from '~/styles/account.css';
import { classifySignupError, mapAuthError } from '~/utils/auth-errors';
import type { AuthFormErrors } from '~/utils/auth-errors';
import { describeInvitationReason } from '~/utils/rpc-errors';
import type { SignupStep, SignupValues } from '~/utils/auth-schemas';
import { INVITE_CODE_MAX_LENGTH, NAME_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '~/utils/account-rules';
import { ProfileDetailFields } from '~/components/profile-detail-fields';
import {
  parseAccountStep,
  parseInviteStep,
  readFormData,
  fixedT,
  pageTitle,
  pageLocale,
  checkInvitation,
  getSignupMode,
  getSignupSettings,
  type LegalVersions,
  requireAnonymous,
  type UserRequestContext,
} from '~/server-deps/signup-page.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

const PASSWORD_FIELDS = ['password', 'confirmPassword'];
// Passwords never travel in hidden fields; the terms box is ticked on the page that shows it.
const NOT_CARRIED = [...PASSWORD_FIELDS, 'acceptTerms'];
const DETAIL_FIELDS = ['firstName', 'lastName', 'phone', 'birthday', 'accountType'];
const STEP_FIELDS: Record<SignupStep, readonly string[]> = {
  invite: ['inviteCode'],
  // Email and password first; the optional details after them.
  account: ['email', 'password', 'confirmPassword', 'acceptTerms', ...DETAIL_FIELDS],
};

/** What an action answer tells the page: which step to show, what to carry, what went wrong. */
interface SignupReply {
  step: SignupStep;
  /** Earlier steps' values for the hidden fields (never passwords). */
  values: Record<string, string>;
  result: FormReply | null;
}

/**
 * Invite-only applies to every new account, a guest adding an email included: the guest keeps
 * their auth user, and a trigger on auth.users consumes the code when they stop being anonymous.
 */
async function getSignupPlan(context: UserRequestContext) {
  const isGuest = Boolean(context.user?.isAnonymous);
  const { mode, legal } = await getSignupSettings(context.supabase);
  const inviteRequired = mode === 'invite_only';
  const steps: SignupStep[] = inviteRequired ? ['invite', 'account'] : ['account'];
  // The legal versions ride along: the last step sends them as accepted (one settings read).
  return { isGuest, inviteRequired, steps, legal };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const context = await requireAnonymous(request);
  const locale = pageLocale(params);
  const { isGuest, inviteRequired, steps } = await getSignupPlan(context);
  // An invitation link may carry the code (?code=…); it is only a default, checked like any other.
  const code = new URL(request.url).searchParams.get('code')?.slice(0, INVITE_CODE_MAX_LENGTH) ?? '';
  const title = pageTitle(locale, fixedT(locale, 'account')('signup.title'));
  return json({ isGuest, inviteRequired, steps, code, title }, { headers: context.headers });
}

/** The string values the form sent, minus passwords: what the next step carries along. */
function readCarriedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const fields of Object.values(STEP_FIELDS)) {
    for (const name of fields) {
      const value = formData.get(name);
      if (typeof value === 'string' && value !== '' && !NOT_CARRIED.includes(name)) values[name] = value;
    }
  }
  return values;
}

/** The first step that owns one of the fields in error, so the person sees the message. */
function findStepWithError(result: FormReply, steps: SignupStep[], fallback: SignupStep): SignupStep {
  const fieldsInError = Object.entries(result.error ?? {})
    .filter(([, messages]) => messages && messages.length > 0)
    .map(([name]) => name);
  return steps.find((step) => STEP_FIELDS[step].some((name) => fieldsInError.includes(name))) ?? fallback;
}

/**
 * The metadata keys the auth.users triggers read: the profile (see its migration), the invite
 * code, the consents (the versions this form showed; the database keeps only current ones), and
 * `locale`: the language of the page the account was made on, which the database keeps as the
 * account's language.
 */
function buildSignupMetadata(values: SignupValues, legal: LegalVersions, locale: Locale) {
  return {
    locale,
    terms_version: legal.termsVersion,
    privacy_version: legal.privacyVersion,
    // Only what was given: the trigger leaves the rest empty, to be filled in on the account page.
    ...(values.firstName ? { first_name: values.firstName } : {}),
    ...(values.lastName ? { last_name: values.lastName } : {}),
    account_type: values.accountType,
    ...(values.phone ? { phone: values.phone } : {}),
    ...(values.birthday ? { birthday: values.birthday } : {}),
    ...(values.inviteCode ? { invite_code: values.inviteCode } : {}),
  };
}

/**
 * Where Auth's email links send the person: through /auth/confirm (it signs them in, by PKCE code
 * or token hash), then to `next`, a page in the language they signed up in.
 */
function emailRedirectFor(request: Request, locale: Locale): string {
  const confirm = new URL('/auth/confirm', request.url);
  confirm.searchParams.set('next', localizedPath(locale, '/account'));
  return confirm.toString();
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireAnonymous(request);
  const { headers } = context;
  const locale = pageLocale(params);
  const tAccount = fixedT(locale, 'account');
  const tErrors = fixedT(locale, 'errors');
  const formData = await readFormData(request, headers);
  const plan = await getSignupPlan(context);
  const firstStep = plan.steps[0];
  const postedStep = formData.get('step');
  // A step this mode does not have (the setting changed mid-signup) restarts at the first one.
  const step = plan.steps.find((name) => name === postedStep) ?? firstStep;
  const carried = readCarriedValues(formData);
  const reply = (body: SignupReply, status = 200) => json(body, { status, headers });

  if (formData.get('intent') === 'back') {
    const previous = plan.steps[Math.max(0, plan.steps.indexOf(step) - 1)];
    return reply({ step: previous, values: carried, result: null });
  }

  try {
    if (step === 'invite') {
      const submission = parseInviteStep(formData, locale);
      if (submission.status !== 'success') return reply({ step, values: carried, result: submission.reply() }, 400);
      const check = await checkInvitation(context.supabase, submission.value.inviteCode);
      if (!check.valid) {
        const result = submission.reply({ fieldErrors: { inviteCode: [describeInvitationReason(check.reason, tErrors)] } });
        return reply({ step, values: carried, result }, 400);
      }
      return reply({ step: 'account', values: { ...carried, inviteCode: submission.value.inviteCode }, result: null });
    }

    const submission = parseAccountStep(formData, locale, plan.inviteRequired);
    if (submission.status !== 'success') {
      const result = submission.reply({ hideFields: PASSWORD_FIELDS });
      return reply({ step: findStepWithError(result, plan.steps, step), values: carried, result }, 400);
    }
    const fail = (errors: AuthFormErrors, onStep: SignupStep = step, status = 400) =>
      reply({ step: onStep, values: carried, result: submission.reply({ ...errors, hideFields: PASSWORD_FIELDS }) }, status);

    const values = submission.value;
    const metadata = buildSignupMetadata(values, plan.legal, locale);
    const emailRedirectTo = emailRedirectFor(request, locale);
    const checkEmail = localizedPath(locale, `/check-email?${new URLSearchParams({ email: values.email })}`);

    // The database refused the new account (Auth says only "Database error …"): the code was
    // checked on the first step, so another signup took its last use in between, or the mode
    // changed. Ask again so the message says why.
    const explainInviteRefusal = async (cause?: unknown) => {
      if (values.inviteCode) {
        const check = await checkInvitation(context.supabase, values.inviteCode);
        const message = describeInvitationReason(check.valid ? 'used_up' : check.reason, tErrors);
        return fail({ fieldErrors: { inviteCode: [message] }, formErrors: [] }, plan.steps.includes('invite') ? 'invite' : step);
      }
      if ((await getSignupMode(context.supabase)) === 'invite_only') {
        return fail({ fieldErrors: {}, formErrors: [describeInvitationReason('required', tErrors)] });
      }
      console.error('signup: Auth could not save the account', cause);
      return fail({ fieldErrors: {}, formErrors: [tAccount('authErrors.unexpected')] });
    };

    if (plan.isGuest && context.user) {
      // A guest keeps their user id (and so their cart and orders): add an email and password to
      // the anonymous user instead of creating a new one.
      // The metadata carries the invite code; Auth writes it before the email, in one transaction.
      // The confirmation mail for the new address links back in this page's language.
      const { data, error } = await context.supabase.auth.updateUser(
        { email: values.email, password: values.password, data: metadata },
        { emailRedirectTo },
      );
      if (error) {
        const failure = classifySignupError(error, tAccount);
        if (failure.kind === 'database_refused') return await explainInviteRefusal();
        return fail(mapAuthError(error, tAccount), step, error.status && error.status < 500 ? error.status : 400);
      }
      // The database fills the profile from `metadata` in the same transaction (the conversion
      // trigger on auth.users), as it does for a new account.
      // The access token still says is_anonymous; a refresh issues one for the real account.
      await context.supabase.auth.refreshSession();
      // With email confirmation on, the address changes only after the link is opened.
      if (data.user?.email !== values.email) {
        return redirect(checkEmail, { headers });
      }
      return redirect(localizedPath(locale, '/account'), { headers });
    }

    const { data, error } = await context.supabase.auth.signUp({
      email: values.email,
      password: values.password,
      options: {
        // The profile is created from these keys by a trigger on auth.users, in the same transaction.
        data: metadata,
        emailRedirectTo,
      },
    });
    if (error) {
      const failure = classifySignupError(error, tAccount);
      // Refused by the hook (403) or the trigger (500): the database says why through check_invitation.
      if (failure.kind === 'invite_refused' || failure.kind === 'database_refused') return await explainInviteRefusal(error);
      if (!error.status || error.status >= 500) console.error('signup: Auth error', error);
      return fail(failure.errors, step, error.status && error.status < 500 ? error.status : 400);
    }
    // With email confirmations on, Auth returns the user without a session and sends a link.
    if (!data.session) {
      return redirect(checkEmail, { headers });
    }
    return redirect(localizedPath(locale, '/account'), { headers });
  } catch (error) {
    // A failed RPC or an unreachable service: log it, and tell the person something they can act on.
    console.error('signup: unexpected failure', error);
    return reply(
      {
        step,
        values: carried,
        result: { status: 'error', initialValue: carried, error: { '': [tAccount('authErrors.unexpected')] } },
      },
      500,
    );
  }
}

export default function SignupPage() {
  const { isGuest, inviteRequired, steps, code } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation('account');
  const to = useLocalizedPath();
  const locale = useLocale();
  // A reply from a mode the page no longer shows (setting flipped) falls back to the first step.
  const step = actionData && steps.includes(actionData.step) ? actionData.step : steps[0];
  const values = actionData?.values ?? (code ? { inviteCode: code } : {});
  const position = steps.indexOf(step);

  return (
    <section className="container auth-page signup-page" aria-labelledby="signup-title">
      <h1 id="signup-title">{isGuest ? t('signup.guestTitle') : t('signup.title')}</h1>
      <p className="auth-page__lead">
        <Trans
          t={t}
          i18nKey={isGuest ? 'signup.guestLead' : 'signup.lead'}
          components={{ signIn: <Link to={to('/login')} /> }}
        />
      </p>
      {/* Not for guests: a LINE or Kakao sign-in is a new user, and the guest's cart would stay behind. */}
      {!isGuest && position === 0 ? (
        <>
          <OAuthButtons next={localizedPath(locale, '/account')} />
          {inviteRequired ? <p className="auth-page__lead">{t('oauth.inviteLater')}</p> : null}
        </>
      ) : null}
      <ol className="step-list" aria-label={t('signup.stepsLabel')}>
        {steps.map((name, index) => (
          <li
            key={name}
            className={index === position ? 'step-list__item step-list__item--current' : 'step-list__item'}
            aria-current={index === position ? 'step' : undefined}
          >
            <span className="step-list__number">{index + 1}</span> {t(`signup.steps.${name}`)}
          </li>
        ))}
      </ol>
      <SignupStepForm
        key={step}
        step={step}
        stepNumber={position + 1}
        stepCount={steps.length}
        values={values}
        reply={asFormReply(actionData?.result)}
      />
    </section>
  );
}

function SignupStepForm({
  step,
  stepNumber,
  stepCount,
  values,
  reply,
}: {
  step: SignupStep;
  stepNumber: number;
  stepCount: number;
  values: Record<string, string>;
  reply: FormReply | undefined;
}) {
  const { t } = useTranslation('account');
  const locale = useLocale();
  const to = useLocalizedPath();
  const isPending = useIsSubmitting(to('/signup'));
  const formId = `signup-${step}`;
  const carried = Object.entries(values).filter(([name]) => !STEP_FIELDS[step].includes(name));
  const isLast = stepNumber === stepCount;
  // Korean and Chinese ask for the family name first; the fields (and focus) follow that order.
  const familyFirst = asksFamilyNameFirst(locale);
  // Earlier steps' fields are hidden here; their errors (only possible if tampered with) still show.
  const hiddenErrors = carried.flatMap(([name]) => fieldErrors(reply, name) ?? []);
  // A new step starts in its first field (autoFocus works with and without JavaScript); after a
  // refused submit the error summary takes focus instead.
  const focus = (name: string) => (!reply && stepNumber > 1 && name === STEP_FIELDS[step][0] ? { autoFocus: true } : {});
  // The invite step has one field and no summary: a refused code puts focus on that field (also
  // when the last step sent the person back here because the code was used up meanwhile).
  const inviteRefused = step === 'invite' && Boolean(fieldErrors(reply, 'inviteCode'));
  useEffect(() => {
    if (inviteRefused) document.getElementById(fieldId(formId, 'inviteCode'))?.focus();
  }, [reply, inviteRefused, formId]);
  const input = (name: string, type: string, autoComplete: string) => ({
    id: fieldId(formId, name),
    name,
    type,
    autoComplete,
    // Passwords are never sent back (hideFields); everything else shows what was typed.
    defaultValue: fieldValue(reply, name) ?? values[name] ?? '',
    ...focus(name),
  });
  const label: Record<string, string> = {
    inviteCode: t('fields.inviteCode'),
    email: t('fields.email'),
    password: t('fields.password'),
    confirmPassword: t('fields.confirmPassword'),
    acceptTerms: t('signup.acceptTermsLabel'),
    firstName: t('fields.firstName'),
    lastName: t('fields.lastName'),
    phone: t('fields.phone'),
    birthday: t('fields.birthday'),
    accountType: t('fields.accountType'),
  };
  const nameOrder = familyFirst ? ['lastName', 'firstName'] : ['firstName', 'lastName'];
  const summaryOrder = [...STEP_FIELDS.account.filter((name) => !DETAIL_FIELDS.includes(name)), ...nameOrder, 'phone', 'birthday', 'accountType'];
  const nameFields: ReactElement[] = nameOrder.map((name) => (
    <Field
      key={name}
      label={label[name]}
      inputProps={{ ...input(name, 'text', name === 'firstName' ? 'given-name' : 'family-name'), maxLength: NAME_MAX_LENGTH }}
      errors={fieldErrors(reply, name)}
    />
  ));

  return (
    <Form method="post" className="stack-form" id={formId} noValidate>
      <h2 className="signup-page__step-title">
        {t('signup.stepHeading', { number: stepNumber, total: stepCount, title: t(`signup.steps.${step}`) })}
      </h2>
      <input type="hidden" name="step" value={step} />
      {carried.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}

      {step === 'invite' ? (
        <>
          <FormErrors errors={[...(formLevelErrors(reply) ?? []), ...hiddenErrors]} />
          <Field
            label={label.inviteCode}
            hint={t('hints.inviteCode')}
            inputProps={{
              ...input('inviteCode', 'text', 'off'),
              required: true,
              autoCapitalize: 'characters',
              spellCheck: false,
              maxLength: INVITE_CODE_MAX_LENGTH,
              // Without JavaScript the refused code's field is focused on the new page.
              ...(inviteRefused ? { autoFocus: true } : {}),
            }}
            errors={fieldErrors(reply, 'inviteCode')}
          />
        </>
      ) : (
        <>
          <ErrorSummary
            reply={reply}
            formId={formId}
            title={t('signup.summaryTitle')}
            fields={summaryOrder.map((name) => ({ name, label: label[name] }))}
          />
          {hiddenErrors.length > 0 ? <FormErrors errors={hiddenErrors} /> : null}
          <Field
            label={label.email}
            inputProps={{ ...input('email', 'email', 'email'), required: true }}
            errors={fieldErrors(reply, 'email')}
          />
          <Field
            label={label.password}
            hint={t('hints.password', { min: PASSWORD_MIN_LENGTH })}
            inputProps={{ ...input('password', 'password', 'new-password'), required: true, defaultValue: undefined }}
            errors={fieldErrors(reply, 'password')}
          />
          <Field
            label={label.confirmPassword}
            inputProps={{ ...input('confirmPassword', 'password', 'new-password'), required: true, defaultValue: undefined }}
            errors={fieldErrors(reply, 'confirmPassword')}
          />

          <fieldset className="signup-page__optional">
            <legend>{t('signup.optionalDetails')}</legend>
            <p className="field__hint">{t('signup.optionalDetailsHint')}</p>
            <div className="field-row">{nameFields}</div>
            <ProfileDetailFields
              formId={formId}
              reply={reply}
              input={input}
              accountType={fieldValue(reply, 'accountType') ?? values.accountType ?? 'personal'}
            />
          </fieldset>

          <CheckboxField
            label={
              <Trans
                t={t}
                i18nKey="signup.acceptTerms"
                components={{
                  terms: <Link to={to('/terms')} target="_blank" />,
                  privacy: <Link to={to('/privacy')} target="_blank" />,
                }}
              />
            }
            inputProps={{ id: fieldId(formId, 'acceptTerms'), name: 'acceptTerms', required: true }}
            errors={fieldErrors(reply, 'acceptTerms')}
          />
        </>
      )}

      <div className="form-actions">
        {/* First in the form, so Enter in a field continues rather than going back. */}
        <SubmitButton isPending={isPending} pendingLabel={isLast ? t('signup.creating') : t('signup.checking')}>
          {isLast ? t('signup.submit') : t('signup.continue')}
        </SubmitButton>
        {stepNumber > 1 ? (
          <button type="submit" name="intent" value="back" className="button button--outline">
            {t('signup.back')}
          </button>
        ) : null}
      </div>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}

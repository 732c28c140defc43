// Sign-up in short steps: invite code (only in invite-only mode), about you, then email and
// password. Each step is a plain POST, so it works without JavaScript; what earlier steps
// collected travels in hidden fields and every step re-validates all of it, so nothing is stored
// server-side between steps and the last step cannot be fed values the first ones refused.
// The database has the last word on the invite code (hook + trigger); this page only makes
// its answers readable.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react';
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
import { useMemo, type ReactElement } from 'react';
import { Trans, useTranslation } from '~/i18n/react';
import { readFormData } from '~/utils/form-data.server';
import { z } from '~/utils/zod';
import { GeneralErrorBoundary } from '~/components/error-boundary';
import { CheckboxField, Field, FormErrors, SelectField, SubmitButton, useIsSubmitting } from '~/components/forms';
import { OAuthButtons } from '~/components/oauth-buttons';
import { asksFamilyNameFirst } from '~/i18n/format';
import { fixedT } from '~/i18n/i18n.server';
import { localizedPath, type Locale } from '~/i18n/locales';
import { titleMeta } from '~/i18n/meta';
import { pageTitle } from '~/i18n/meta.server';
import { pageLocale } from '~/i18n/route-locale.server';
import { useLocale, useLocalizedPath } from '~/i18n/use-locale';
import { checkInvitation } from '~/models/invitation.server';
import { getSignupMode, getSignupSettings, type LegalVersions } from '~/models/settings.server';
import accountStylesHref from '~/styles/account.css';
import { classifySignupError, mapAuthError, type AuthFormErrors } from '~/utils/auth-errors';
import { describeInvitationReason } from '~/utils/rpc-errors';
import {
  ACCOUNT_TYPES,
  BIRTHDAY_MIN,
  getAccountStepSchema,
  getDetailsStepSchema,
  getInviteStepSchema,
  getTodayIsoDate,
  INVITE_CODE_MAX_LENGTH,
  NAME_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type SignupStep,
  type SignupValues,
  type ValidationT,
} from '~/utils/auth-schemas';
import { requireAnonymous, type UserRequestContext } from '~/utils/auth.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => titleMeta(data?.title, matches);
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: accountStylesHref }];

const PASSWORD_FIELDS = ['password', 'confirmPassword'];
// Passwords never travel in hidden fields; the terms box is ticked on the page that shows it.
const NOT_CARRIED = [...PASSWORD_FIELDS, 'acceptTerms'];
const STEP_FIELDS: Record<SignupStep, readonly string[]> = {
  invite: ['inviteCode'],
  details: ['firstName', 'lastName', 'phone', 'birthday', 'accountType'],
  account: ['email', 'password', 'confirmPassword', 'acceptTerms'],
};
const StepSchema = z.enum(['invite', 'details', 'account']);

/** What an action answer tells the page: which step to show, what to carry, what went wrong. */
interface SignupReply {
  step: SignupStep;
  /** Earlier steps' values for the hidden fields (never passwords). */
  values: Record<string, string>;
  result: SubmissionResult<string[]> | null;
}

/**
 * Invite-only applies to every new account, a guest adding an email included: the guest keeps
 * their auth user, and a trigger on auth.users consumes the code when they stop being anonymous.
 */
async function getSignupPlan(context: UserRequestContext) {
  const isGuest = Boolean(context.user?.isAnonymous);
  const { mode, legal } = await getSignupSettings(context.supabase);
  const inviteRequired = mode === 'invite_only';
  const steps: SignupStep[] = inviteRequired ? ['invite', 'details', 'account'] : ['details', 'account'];
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
function findStepWithError(result: SubmissionResult<string[]>, steps: SignupStep[], fallback: SignupStep): SignupStep {
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
    first_name: values.firstName,
    last_name: values.lastName,
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

function schemaForStep(t: ValidationT, step: SignupStep, inviteRequired: boolean) {
  if (step === 'invite') return getInviteStepSchema(t);
  if (step === 'details') return getDetailsStepSchema(t, inviteRequired);
  return getAccountStepSchema(t, inviteRequired);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireAnonymous(request);
  const { headers } = context;
  const locale = pageLocale(params);
  const tValidation = fixedT(locale, 'validation');
  const tAccount = fixedT(locale, 'account');
  const tErrors = fixedT(locale, 'errors');
  const formData = await readFormData(request, headers);
  const plan = await getSignupPlan(context);
  const firstStep = plan.steps[0];
  const parsedStep = StepSchema.safeParse(formData.get('step'));
  // A step this mode does not have (the setting changed mid-signup) restarts at the first one.
  const step = parsedStep.success && plan.steps.includes(parsedStep.data) ? parsedStep.data : firstStep;
  const carried = readCarriedValues(formData);
  const reply = (body: SignupReply, status = 200) => json(body, { status, headers });

  if (formData.get('intent') === 'back') {
    const previous = plan.steps[Math.max(0, plan.steps.indexOf(step) - 1)];
    return reply({ step: previous, values: carried, result: null });
  }

  try {
    if (step === 'invite') {
      const submission = parseWithZod(formData, { schema: getInviteStepSchema(tValidation) });
      if (submission.status !== 'success') return reply({ step, values: carried, result: submission.reply() }, 400);
      const check = await checkInvitation(context.supabase, submission.value.inviteCode);
      if (!check.valid) {
        const result = submission.reply({ fieldErrors: { inviteCode: [describeInvitationReason(check.reason, tErrors)] } });
        return reply({ step, values: carried, result }, 400);
      }
      return reply({ step: 'details', values: { ...carried, inviteCode: submission.value.inviteCode }, result: null });
    }

    if (step === 'details') {
      const submission = parseWithZod(formData, { schema: getDetailsStepSchema(tValidation, plan.inviteRequired) });
      if (submission.status !== 'success') {
        const result = submission.reply();
        return reply({ step: findStepWithError(result, plan.steps, step), values: carried, result }, 400);
      }
      const { inviteCode, firstName, lastName, phone, birthday, accountType } = submission.value;
      const normalised = { inviteCode, firstName, lastName, phone, birthday, accountType };
      const values = { ...carried };
      for (const [name, value] of Object.entries(normalised)) if (value) values[name] = value;
      return reply({ step: 'account', values, result: null });
    }

    const submission = parseWithZod(formData, { schema: getAccountStepSchema(tValidation, plan.inviteRequired) });
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
        inviteRequired={inviteRequired}
        values={values}
        lastResult={actionData?.result ?? undefined}
      />
    </section>
  );
}

function SignupStepForm({
  step,
  stepNumber,
  stepCount,
  inviteRequired,
  values,
  lastResult,
}: {
  step: SignupStep;
  stepNumber: number;
  stepCount: number;
  inviteRequired: boolean;
  values: Record<string, string>;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation('account');
  const { t: tValidation } = useTranslation('validation');
  const locale = useLocale();
  const to = useLocalizedPath();
  const isPending = useIsSubmitting(to('/signup'));
  const schema = useMemo(() => schemaForStep(tValidation, step, inviteRequired), [tValidation, step, inviteRequired]);
  const [form, fields] = useForm<Record<string, string | undefined>>({
    id: `signup-${step}`,
    lastResult,
    defaultValue: values,
    constraint: getZodConstraint(schema),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) =>
      // Going back needs no valid input: nothing is kept but what was typed.
      formData.get('intent') === 'back'
        ? parseWithZod(formData, { schema: z.object({}) })
        : parseWithZod(formData, { schema }),
  });
  const carried = Object.entries(values).filter(([name]) => !STEP_FIELDS[step].includes(name));
  const isLast = stepNumber === stepCount;
  // Korean and Chinese ask for the family name first; the fields (and focus) follow that order.
  const familyFirst = asksFamilyNameFirst(locale);
  const nameOrder = familyFirst ? ['lastName', 'firstName'] : ['firstName', 'lastName'];
  const shownFields =
    step === 'details' ? [...nameOrder, ...STEP_FIELDS.details.filter((name) => !nameOrder.includes(name))] : STEP_FIELDS[step];
  // Earlier steps' fields are hidden here; their errors (only possible if tampered with) still show.
  const hiddenErrors = carried.flatMap(([name]) => fields[name]?.errors ?? []);
  // Focus goes to the first field in error (also when a later step sent the person back here),
  // else into a new step's first field. autoFocus works with and without JavaScript.
  const fieldsInError = shownFields.filter((name) => (lastResult?.error?.[name]?.length ?? 0) > 0);
  const focusName = fieldsInError[0] ?? (stepNumber > 1 ? shownFields[0] : null);
  const focus = (name: string) => (name === focusName ? { autoFocus: true } : {});
  const nameFields: ReactElement[] = [
    <Field
      key="firstName"
      label={t('fields.firstName')}
      inputProps={{
        ...getInputProps(fields.firstName, { type: 'text' }),
        autoComplete: 'given-name',
        maxLength: NAME_MAX_LENGTH,
        ...focus('firstName'),
      }}
      errors={fields.firstName.errors}
    />,
    <Field
      key="lastName"
      label={t('fields.lastName')}
      inputProps={{
        ...getInputProps(fields.lastName, { type: 'text' }),
        autoComplete: 'family-name',
        maxLength: NAME_MAX_LENGTH,
        ...focus('lastName'),
      }}
      errors={fields.lastName.errors}
    />,
  ];

  return (
    <Form method="post" className="stack-form" {...getFormProps(form)}>
      <h2 className="signup-page__step-title">
        {t('signup.stepHeading', { number: stepNumber, total: stepCount, title: t(`signup.steps.${step}`) })}
      </h2>
      <input type="hidden" name="step" value={step} />
      {carried.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormErrors id={form.errorId} errors={[...(form.errors ?? []), ...hiddenErrors]} />

      {step === 'invite' ? (
        <Field
          label={t('fields.inviteCode')}
          hint={t('hints.inviteCode')}
          inputProps={{
            ...getInputProps(fields.inviteCode, { type: 'text' }),
            autoComplete: 'off',
            autoCapitalize: 'characters',
            spellCheck: false,
            ...focus('inviteCode'),
          }}
          errors={fields.inviteCode.errors}
        />
      ) : null}

      {step === 'details' ? (
        <>
          <div className="field-row">{familyFirst ? nameFields.reverse() : nameFields}</div>
          <Field
            label={t('fields.phone')}
            hint={t('hints.phone')}
            inputProps={{ ...getInputProps(fields.phone, { type: 'tel' }), autoComplete: 'tel', ...focus('phone') }}
            errors={fields.phone.errors}
          />
          <Field
            label={t('fields.birthday')}
            hint={t('hints.birthday')}
            inputProps={{
              ...getInputProps(fields.birthday, { type: 'date' }),
              autoComplete: 'bday',
              min: BIRTHDAY_MIN,
              max: getTodayIsoDate(),
              ...focus('birthday'),
            }}
            errors={fields.birthday.errors}
          />
          <SelectField
            label={t('fields.accountType')}
            selectProps={getSelectProps(fields.accountType)}
            options={ACCOUNT_TYPES.map((value) => ({ value, label: t(`accountType.${value}`) }))}
            errors={fields.accountType.errors}
          />
        </>
      ) : null}

      {step === 'account' ? (
        <>
          <Field
            label={t('fields.email')}
            inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email', ...focus('email') }}
            errors={fields.email.errors}
          />
          <Field
            label={t('fields.password')}
            hint={t('hints.password', { min: PASSWORD_MIN_LENGTH })}
            inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'new-password', ...focus('password') }}
            errors={fields.password.errors}
          />
          <Field
            label={t('fields.confirmPassword')}
            inputProps={{
              ...getInputProps(fields.confirmPassword, { type: 'password' }),
              autoComplete: 'new-password',
              ...focus('confirmPassword'),
            }}
            errors={fields.confirmPassword.errors}
          />
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
            inputProps={{ ...getInputProps(fields.acceptTerms, { type: 'checkbox' }), ...focus('acceptTerms') }}
            errors={fields.acceptTerms.errors}
          />
        </>
      ) : null}

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

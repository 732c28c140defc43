// POST /signup: email + password accounts, and anonymous users when neither is given.
import { z } from 'zod';
import { issueEmailToken } from '../email-tokens.ts';
import { sendAuthEmail } from '../emails.ts';
import { AuthError, validationFailed } from '../errors.ts';
import { saveFlowState } from '../flow-state.ts';
import { createUser } from '../create-user.ts';
import { assertStrongPassword } from '../password-rules.ts';
import { readCodeChallenge } from '../pkce.ts';
import { limitRequest } from '../rate-limits.ts';
import { resolveRedirect } from '../redirects.ts';
import { readJson, type AuthReply, type AuthRequest } from '../request.ts';
import { startSession } from '../sessions.ts';
import { findUserByEmail, findUserById, normalizeEmail, userJson } from '../users.ts';

export const MetadataSchema = z.record(z.string(), z.unknown());
// GoTrue's validateEmail (internal/api/mail.go) checks the address as sent with
// checkmail.ValidateFormat (badoux/checkmail d0a7596), this expression: ASCII only, so control
// characters (NUL above all, which PostgreSQL cannot store) are invalid too; the domain needs no dot.
const EMAIL = /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

const SignupSchema = z.object({
  email: z.string().nullish(),
  password: z.string().nullish(),
  phone: z.string().nullish(),
  data: MetadataSchema.nullish(),
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
});

export function validEmail(email: string): string {
  // GoTrue answers these with NewBadRequestError: 400, where most of its validation is 422.
  const invalid = (message: string) => new AuthError(400, 'validation_failed', message);
  if (email === '') throw invalid('An email address is required');
  if (email.length > 255) throw invalid('An email address is too long');
  if (!EMAIL.test(email)) throw invalid('Unable to validate email address: invalid format');
  return normalizeEmail(email);
}

export function redirectFromQuery(request: AuthRequest): string {
  const { siteUrl, additionalRedirectUrls } = request.context.config.auth;
  return resolveRedirect(request.url.searchParams.get('redirect_to'), siteUrl, additionalRedirectUrls);
}

export async function signup(request: AuthRequest): Promise<AuthReply> {
  const body = await readJson(request, SignupSchema);
  const settings = request.context.config.auth;
  const isAnonymous = !body.email && !body.password && !body.phone;
  // GoTrue's order: an anonymous sign-in is refused when switched off before it counts against
  // anonymous_users; every other signup counts against sign_in_sign_ups before anything else.
  if (isAnonymous && !settings.enableAnonymousSignIns) {
    throw new AuthError(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  }
  limitRequest(request, isAnonymous ? 'anonymousSignIns' : 'signups');
  if (!settings.enableSignup) throw new AuthError(422, 'signup_disabled', 'Signups not allowed for this instance');
  if (body.phone) throw new AuthError(422, 'phone_provider_disabled', 'Phone signups are disabled');
  const userMetadata = body.data ?? {};

  if (isAnonymous) {
    const anonymous = { email: null, password: null, userMetadata, emailConfirmed: false, isAnonymous: true };
    const session = await createUser(request, anonymous, emailTaken, (client, user) =>
      startSession(client, request.context, user, 'anonymous'),
    );
    return { status: 200, body: session };
  }

  if (!body.email) throw validationFailed('To signup, please provide your email');
  if (!body.password) throw validationFailed('Signup requires a valid password');
  const email = validEmail(body.email);
  assertStrongPassword(body.password, { minimumLength: settings.minimumPasswordLength, requirements: settings.passwordRequirements });
  const challenge = readCodeChallenge(body);
  const existing = await findUserByEmail(request.context.authPool, email);
  if (existing) throw emailTaken();

  const confirmLater = settings.enableConfirmations;
  const newUser = { email, password: body.password, userMetadata, emailConfirmed: !confirmLater, isAnonymous: false };
  if (!confirmLater) {
    const session = await createUser(request, newUser, emailTaken, (client, user) =>
      startSession(client, request.context, user, 'password'),
    );
    return { status: 200, body: session };
  }
  const redirectTo = redirectFromQuery(request);
  const { user, token } = await createUser(request, newUser, emailTaken, async (client, created) => {
    if (challenge) await saveFlowState(client, created.id, challenge, 'email/signup');
    const issued = await issueEmailToken(client, created.id, 'confirmation_token', email, { pkce: challenge !== null });
    const withToken = (await findUserById(client, created.id)) ?? created;
    return { user: await userJson(client, withToken), token: issued };
  });
  sendAuthEmail(request.context, 'signup', email, token, redirectTo);
  return { status: 200, body: user };
}

function emailTaken(): AuthError {
  return new AuthError(422, 'user_already_exists', 'User already registered');
}

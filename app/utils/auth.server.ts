// Who is making this request. Authorisation always rests on a token Auth has verified
// (`getClaims()` checks the signature, or asks Auth for HS256 keys); the user object stored
// in the cookie by `getSession()` is only what the browser sent and proves nothing.
import { redirect } from '@remix-run/node';
import { DEFAULT_LOCALE, localizedPath, splitLocalePath } from '~/i18n/locales';
import { getLoginRedirectPath } from './redirect';
import {
  createSupabaseServerClient,
  listAuthCookieNames,
  type AppSupabaseClient,
  type SupabaseRequestContext,
} from './supabase.server';

export interface SignedInUser {
  id: string;
  email: string | null;
  /** Supabase anonymous users are guests with a cart, not account holders. */
  isAnonymous: boolean;
  /** Exempted from invite codes by an operator (app_metadata.invite_exempt, which only operators set). */
  inviteExempt: boolean;
}

export interface UserRequestContext extends SupabaseRequestContext {
  user: SignedInUser | null;
}

export async function getSignedInUser(request: Request): Promise<UserRequestContext> {
  const context = createSupabaseServerClient(request);
  return { ...context, user: await findSignedInUser(request, context.supabase) };
}

/**
 * The verified user behind `supabase` (the request's own client), or null. Without any auth
 * cookie there is no session to verify, so Auth is not asked (most catalog visits).
 */
export async function findSignedInUser(request: Request, supabase: AppSupabaseClient): Promise<SignedInUser | null> {
  if (listAuthCookieNames(request).length === 0) return null;
  const { data, error } = await supabase.auth.getClaims();
  // No session, an expired refresh token or a revoked session all mean "nobody signed in";
  // the client has already queued cookie removals in `headers` where needed.
  if (error || !data) return null;
  const { claims } = data;
  return {
    id: claims.sub,
    email: typeof claims.email === 'string' && claims.email !== '' ? claims.email : null,
    isAnonymous: claims.is_anonymous === true,
    inviteExempt: claims.app_metadata?.invite_exempt === true,
  };
}

/** A signed-in account holder (not a guest), or a redirect to the login page that comes back here. */
export async function requireUser(
  request: Request,
): Promise<SupabaseRequestContext & { user: SignedInUser }> {
  const context = await getSignedInUser(request);
  if (!context.user || context.user.isAnonymous) {
    throw redirect(getLoginRedirectPath(request), { headers: context.headers });
  }
  return { ...context, user: context.user };
}

/**
 * For pages only someone without an account needs (login, signup). Guests (anonymous users)
 * pass: signing up is how a guest keeps their cart.
 */
export async function requireAnonymous(request: Request): Promise<UserRequestContext> {
  const context = await getSignedInUser(request);
  if (context.user && !context.user.isAnonymous) {
    const { locale } = splitLocalePath(new URL(request.url).pathname);
    throw redirect(localizedPath(locale ?? DEFAULT_LOCALE, '/account'), { headers: context.headers });
  }
  return context;
}

export type ShopperSession =
  | (SupabaseRequestContext & { ok: true; user: SignedInUser })
  | (SupabaseRequestContext & { ok: false; problem: 'rate_limited' | 'unavailable' });

/**
 * The signed-in user, or a new guest: someone without a session who puts something in the cart
 * becomes a Supabase anonymous user, so the hold has an owner and RLS applies as for anyone.
 * The guest's session cookies land in `headers`.
 */
export async function ensureShopperSession(request: Request): Promise<ShopperSession> {
  const context = await getSignedInUser(request);
  const { supabase, headers, user } = context;
  if (user) return { supabase, headers, ok: true, user };
  const { data, error } = await supabase.auth.signInAnonymously();
  if (error || !data.user) {
    return {
      supabase,
      headers,
      ok: false,
      // The page says it in its language: errors:session.<problem>.
      problem: error?.status === 429 ? 'rate_limited' : 'unavailable',
    };
  }
  return { supabase, headers, ok: true, user: { id: data.user.id, email: null, isAnonymous: true, inviteExempt: false } };
}

// GET /settings and GET /health: what supabase-js and people probe to see what Auth offers.
import type { AuthReply, AuthRequest } from '../request.ts';

export function settings(request: AuthRequest): Promise<AuthReply> {
  const auth = request.context.config.auth;
  return Promise.resolve({
    status: 200,
    body: {
      external: { anonymous_users: auth.enableAnonymousSignIns, email: true, phone: false },
      disable_signup: !auth.enableSignup,
      mailer_autoconfirm: !auth.enableConfirmations,
      phone_autoconfirm: false,
      sms_provider: '',
      saml_enabled: false,
    },
  });
}

export function health(): Promise<AuthReply> {
  return Promise.resolve({
    status: 200,
    body: { version: 'local-stand-in', name: 'GoTrue', description: 'GoTrue subset of the Docker-free local stack' },
  });
}

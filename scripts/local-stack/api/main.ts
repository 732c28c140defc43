// Starts the API stand-in and the mail viewer (HTTP and SMTP) for one stack profile.
import type net from 'node:net';
import { ensureSigningKeys, readStackEnv, type StackEnv } from '../../lib/env-file.ts';
import type { StackProfile } from '../../lib/profile.ts';
import { ensureIdentityProviderSecrets } from '../identity-provider/secrets.ts';
import { startIdentityProvider } from '../identity-provider/server.ts';
import { localExternalProviders } from './auth/local-providers.ts';
import { readStandInConfig } from './config.ts';
import { createApiContext, type ApiContext, type ApiKeys } from './context.ts';
import { createMailViewer, type MailerControl } from './mail-viewer.ts';
import { createApiServer } from './server.ts';
import { createSmtpServer } from './smtp.ts';

export interface RunningApi {
  context: ApiContext;
  /** Lets the viewer pause and resume the stack's mailer (POST /api/mailer/pause|resume). */
  attachMailer(mailer: NonNullable<MailerControl['current']>): void;
  stop(): Promise<void>;
}

function listen(server: net.Server, port: number, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} (${label}) is taken by another program. Find it with: ss -ltnp 'sport = :${port}'`)
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
}

export function apiKeysOf(env: StackEnv): ApiKeys {
  return {
    publishable: env.SUPABASE_PUBLISHABLE_KEY,
    secret: env.SUPABASE_SECRET_KEY,
    anon: env.SUPABASE_ANON_KEY,
    serviceRole: env.SUPABASE_SERVICE_ROLE_KEY,
  };
}

export async function startLocalApi(profile: StackProfile): Promise<RunningApi> {
  const env = readStackEnv(profile);
  const config = readStandInConfig(profile);
  const secrets = ensureIdentityProviderSecrets(profile);
  const identityProvider = await startIdentityProvider({
    port: profile.identityProviderPort,
    secrets,
    callbackUrl: `${env.SUPABASE_URL}/auth/v1/callback`,
  });
  const context = createApiContext({
    dbPort: profile.dbPort,
    jwtSecret: env.SUPABASE_JWT_SECRET,
    signingKeys: ensureSigningKeys(profile),
    apiKeys: apiKeysOf(env),
    config,
    apiUrl: env.SUPABASE_URL,
    externalProviders: localExternalProviders(config, { issuer: identityProvider.issuer, secrets }),
  });
  const api = createApiServer(context);
  const mailer: MailerControl = {};
  const viewer = createMailViewer(context.mail, mailer);
  await listen(api, profile.apiPort, 'API');
  await listen(viewer, profile.mailPort, 'mail viewer');
  const smtp = createSmtpServer(context.mail);
  await listen(smtp.server, profile.smtpPort, 'mail viewer SMTP');
  return {
    context,
    attachMailer(running) {
      mailer.current = running;
    },
    async stop() {
      api.closeAllConnections();
      viewer.closeAllConnections();
      await Promise.all([
        new Promise((r) => api.close(r)),
        new Promise((r) => viewer.close(r)),
        new Promise<void>((r) => smtp.close(() => r())),
        identityProvider.stop(),
      ]);
      await Promise.all([context.restPool.end(), context.authPool.end()]);
    },
  };
}

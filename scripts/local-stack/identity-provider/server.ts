// A local OpenID provider standing in for LINE Login and Kakao Login, built on oidc-provider
// (a certified OpenID Provider library), on its own port per stack profile. One issuer, two
// registered clients (Auth's LINE channel and Kakao app), endpoints at the paths GoTrue uses:
// - LINE as a custom OIDC provider: discovery at /.well-known/openid-configuration, code flow with
//   PKCE, an ID token with LINE's claims (sub "U…", name, picture, email only when shared).
// - Kakao as GoTrue's built-in provider, whose `url` setting points all three of its endpoints at
//   one host: /oauth/authorize, /oauth/token and Kakao's user API GET /v2/user/me.
// Between authorize and the redirect back, the interaction page lets a person pick or type an identity.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration } from 'oidc-provider';
import { IdentityBook, kakaoUserMe, lineClaims, presets } from './identities.ts';
import { MemoryAdapter } from './memory-adapter.ts';
import { avatarSvg, escapeHtml, interactionPage, readChoice } from './page.ts';
import type { IdentityProviderSecrets, ProviderKind } from './secrets.ts';

export interface IdentityProviderOptions {
  port: number;
  secrets: IdentityProviderSecrets;
  /** Where Auth receives the provider's answer: <SUPABASE_URL>/auth/v1/callback. */
  callbackUrl: string;
}

export interface RunningIdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

const KAKAO_SCOPES = ['account_email', 'profile_image', 'profile_nickname'];
const FORM_LIMIT_BYTES = 64 * 1024;

function kindOfClient(secrets: IdentityProviderSecrets, clientId: unknown): ProviderKind | null {
  if (clientId === secrets.clients.line.clientId) return 'line';
  if (clientId === secrets.clients.kakao.clientId) return 'kakao';
  return null;
}

function configuration(options: IdentityProviderOptions, book: IdentityBook): Configuration {
  const { secrets, callbackUrl } = options;
  const client = (kind: ProviderKind) => ({
    client_id: secrets.clients[kind].clientId,
    client_secret: secrets.clients[kind].clientSecret,
    client_name: kind === 'line' ? 'Local LINE channel' : 'Local Kakao app',
    redirect_uris: [callbackUrl],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    // Both providers take the client secret in the token request's form (GoTrue's
    // AuthStyleInParams for Kakao; LINE documents only this one).
    token_endpoint_auth_method: 'client_secret_post',
  });
  return {
    adapter: MemoryAdapter,
    clients: [client('line'), client('kakao')],
    jwks: { keys: [secrets.signingKey] },
    cookies: { keys: secrets.cookieKeys },
    scopes: ['openid', 'profile', 'email', ...KAKAO_SCOPES],
    claims: { openid: ['sub'], profile: ['name', 'picture'], email: ['email', 'email_verified'] },
    // LINE puts the profile claims in the ID token itself, which is what GoTrue reads.
    conformIdTokenClaims: false,
    routes: { authorization: '/oauth/authorize', token: '/oauth/token', userinfo: '/userinfo', jwks: '/jwks' },
    features: { devInteractions: { enabled: false }, userinfo: { enabled: true } },
    // LINE offers PKCE and GoTrue uses it for custom providers; its Kakao provider does not.
    pkce: { required: () => false },
    clientBasedCORS: () => false,
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount(_ctx, subject) {
      const found = book.find(subject);
      if (!found) return undefined;
      return {
        accountId: subject,
        claims: (_use, scope) => lineClaims(subject, found.identity, new Set(scope.split(' '))),
      };
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      // Error descriptions may quote request parameters: escaped like everything on the page.
      ctx.body = `<!doctype html><meta charset="utf-8"><title>Error</title><h1>${escapeHtml(out.error)}</h1><p>${escapeHtml(String(out.error_description ?? ''))}</p>`;
    },
  };
}

function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > FORM_LIMIT_BYTES) reject(new Error('form too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'no-store' }).end(body);
}

async function handleInteraction(provider: Provider, book: IdentityBook, secrets: IdentityProviderSecrets, issuer: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  const clientId = details.params.client_id;
  const kind = kindOfClient(secrets, clientId);
  if (!kind) return send(res, 400, 'text/plain', 'Unknown client');
  const scope = String(details.params.scope ?? '');
  if (req.method === 'GET') return send(res, 200, 'text/html', interactionPage(kind, details.uid, scope));
  const choice = readChoice(await readForm(req), `${issuer}/pictures`);
  if (!choice) return send(res, 400, 'text/html', interactionPage(kind, details.uid, scope));
  if (choice.cancel) {
    await provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user cancelled the sign-in' }, { mergeWithLastSubmission: false });
    return;
  }
  const accountId = book.remember(kind, choice.identity);
  const grant = new provider.Grant({ accountId, clientId: String(clientId) });
  grant.addOIDCScope(scope);
  const grantId = await grant.save();
  await provider.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
}

/** Kakao's user API: the person behind a Kakao access token, in Kakao's shape. */
async function kakaoUserApi(provider: Provider, book: IdentityBook, secrets: IdentityProviderSecrets, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const accessToken = token ? await provider.AccessToken.find(token) : undefined;
  const found = accessToken && accessToken.clientId === secrets.clients.kakao.clientId ? book.find(accessToken.accountId) : undefined;
  if (!found) return send(res, 401, 'application/json', JSON.stringify({ msg: 'this access token does not exist', code: -401 }));
  send(res, 200, 'application/json', JSON.stringify(kakaoUserMe(accessToken!.accountId, found.identity)));
}

function picture(url: URL, res: http.ServerResponse): void {
  const id = /^\/pictures\/([a-z]+)\.svg$/.exec(url.pathname)?.[1];
  const preset = presets.find((candidate) => candidate.id === id);
  if (!preset) return send(res, 404, 'text/plain', 'No such picture');
  send(res, 200, 'image/svg+xml', avatarSvg(preset.identity.name));
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const book = new IdentityBook();
  const provider = new Provider(issuer, configuration(options, book));
  const callback = provider.callback();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const work = async () => {
      if (url.pathname.startsWith('/interaction/')) return handleInteraction(provider, book, options.secrets, issuer, req, res);
      if (url.pathname === '/v2/user/me' && req.method === 'GET') return kakaoUserApi(provider, book, options.secrets, req, res);
      if (url.pathname.startsWith('/pictures/')) return picture(url, res);
      return callback(req, res);
    };
    work().catch((error: unknown) => {
      if (res.headersSent) return res.end();
      send(res, 400, 'text/plain', error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} (identity provider) is taken by another program. Find it with: ss -ltnp 'sport = :${options.port}'`) : error),
    );
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

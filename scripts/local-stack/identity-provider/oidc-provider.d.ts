// The part of oidc-provider's API the local identity provider uses (the package ships no types;
// @types/oidc-provider would pull in koa's type tree for these few calls).
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface Interaction {
    uid: string;
    params: Record<string, unknown>;
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
  }

  export interface Configuration {
    adapter: new (model: string) => object;
    clients: Record<string, unknown>[];
    jwks: { keys: object[] };
    cookies: { keys: string[] };
    scopes: string[];
    claims: Record<string, string[]>;
    conformIdTokenClaims: boolean;
    routes: Record<string, string>;
    features: Record<string, { enabled: boolean }>;
    pkce: { required: (ctx: unknown, client: unknown) => boolean };
    clientBasedCORS: (ctx: unknown, origin: string, client: unknown) => boolean;
    interactions: { url: (ctx: unknown, interaction: Interaction) => string };
    findAccount: (ctx: unknown, subject: string) => Account | undefined | Promise<Account | undefined>;
    renderError: (ctx: { type: string; body: string }, out: ErrorOut, error: unknown) => void | Promise<void>;
  }

  export interface InteractionResult {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  interface AccessToken {
    accountId: string;
    clientId: string;
    scope?: string;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Configuration);
    Grant: typeof Grant;
    AccessToken: { find(token: string): Promise<AccessToken | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResult, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}

// Access tokens as Supabase Auth issues them now: ES256 with a `kid`, from the signing key in the
// stack's signing_keys.json (the CLI's signing_keys_path format), published as a JWKS. HS256 tokens
// signed with the legacy JWT secret still verify, as on a project that rotated to asymmetric keys
// and keeps the legacy secret as a "previous key" (the legacy anon/service_role keys are such tokens).
import crypto, { type KeyObject } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';

const encoder = new TextEncoder();

/** The keys tokens are signed and verified with. */
export interface TokenKeys {
  /** The legacy HS256 secret (SUPABASE_JWT_SECRET). */
  secret: string;
  /** The key new access tokens are signed with. */
  signing: { kid: string; privateKey: KeyObject };
  /** Public keys by kid, for verification. */
  publicKeys: Map<string, KeyObject>;
  /** What GET /auth/v1/.well-known/jwks.json serves: public parts only. */
  jwks: { keys: JWK[] };
}

/** A private JWK as `supabase gen signing-key --algorithm ES256` writes it into signing_keys.json. */
export function generateSigningKey(): JWK {
  const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { crv, x, y, d } = privateKey.export({ format: 'jwk' });
  return { kty: 'EC', kid: crypto.randomUUID(), use: 'sig', key_ops: ['sign', 'verify'], alg: 'ES256', ext: true, crv, x, y, d };
}

/**
 * Reads the CLI's signing-keys format (a JSON array of private JWKs). As GoTrue does, the key whose
 * key_ops include "sign" signs (exactly one may); every key's public half verifies and is published
 * with `use: "sig"` and `key_ops: ["verify"]`.
 */
export function loadTokenKeys(privateJwks: JWK[], secret: string): TokenKeys {
  const signingKeys = privateJwks.filter((jwk) => jwk.key_ops?.includes('sign'));
  if (signingKeys.length !== 1) {
    throw new Error(`signing_keys.json must hold exactly one key with key_ops "sign" (found ${signingKeys.length})`);
  }
  const publicKeys = new Map<string, KeyObject>();
  const published: JWK[] = [];
  for (const jwk of privateJwks) {
    if (jwk.kty !== 'EC' || jwk.alg !== 'ES256' || !jwk.kid) {
      throw new Error(`The local stand-in signs with ES256 keys only (kty EC, crv P-256, a kid); got kty ${jwk.kty}, alg ${jwk.alg}`);
    }
    const publicJwk: JWK = { kty: jwk.kty, kid: jwk.kid, use: 'sig', key_ops: ['verify'], alg: jwk.alg, ext: true, crv: jwk.crv, x: jwk.x, y: jwk.y };
    publicKeys.set(jwk.kid, crypto.createPublicKey({ key: publicJwk as crypto.JsonWebKey, format: 'jwk' }));
    published.push(publicJwk);
  }
  const [signing] = signingKeys;
  return {
    secret,
    signing: { kid: signing.kid!, privateKey: crypto.createPrivateKey({ key: signing as crypto.JsonWebKey, format: 'jwk' }) },
    publicKeys,
    jwks: { keys: published },
  };
}

/** An access token as GoTrue signs it with an asymmetric key: ES256, `kid` and `typ` in the header. */
export async function signAccessToken(claims: JWTPayload, keys: TokenKeys): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid: keys.signing.kid, typ: 'JWT' })
    .sign(keys.signing.privateKey);
}

/** A legacy HS256 token (the legacy API keys, and tokens issued before the switch). */
export async function signJwt(claims: JWTPayload, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(encoder.encode(secret));
}

/** An ES256 token whose kid is not in the JWKS (PostgREST's KeyError, GoTrue's "unrecognized JWT kid"). */
export class UnknownKeyError extends Error {
  constructor(readonly kid: unknown, readonly alg: unknown) {
    super(`unrecognized JWT kid ${String(kid)} for algorithm ${String(alg)}`);
  }
}

/**
 * Verifies signature and expiry; throws on anything else (forged, expired, malformed, unknown kid).
 * ES256 tokens are checked against the JWKS by kid; HS256 against the legacy secret.
 */
export async function verifyJwt(token: string, keys: TokenKeys): Promise<JWTPayload> {
  const { payload } = await jwtVerify(
    token,
    (header) => {
      if (header.alg === 'HS256') return encoder.encode(keys.secret);
      const key = typeof header.kid === 'string' ? keys.publicKeys.get(header.kid) : undefined;
      if (!key) throw new UnknownKeyError(header.kid, header.alg);
      return key;
    },
    { algorithms: ['HS256', 'ES256'] },
  );
  return payload;
}

/** The header's alg without verifying anything (for error messages only). */
export function tokenAlgorithm(token: string): string | undefined {
  try {
    return decodeProtectedHeader(token).alg;
  } catch {
    return undefined;
  }
}

// HS256 JWTs signed with the stack's secret, as GoTrue issues and PostgREST verifies them.
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';

const encoder = new TextEncoder();

export async function signJwt(claims: JWTPayload, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(encoder.encode(secret));
}

/** Verifies signature and expiry; throws on anything else (forged, expired, malformed). */
export async function verifyJwt(token: string, secret: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'] });
  return payload;
}

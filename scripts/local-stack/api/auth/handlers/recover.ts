// POST /recover: sends a password recovery mail. Answers 200 {} whether or not the address has
// an account, so the endpoint cannot be used to find out who is registered.
import { z } from 'zod';
import { failingAs, inTransaction } from '../db.ts';
import { issueEmailToken } from '../email-tokens.ts';
import { sendAuthEmail } from '../emails.ts';
import { validationFailed } from '../errors.ts';
import { saveFlowState } from '../flow-state.ts';
import { readCodeChallenge } from '../pkce.ts';
import { limitRequest } from '../rate-limits.ts';
import { readJson, type AuthReply, type AuthRequest } from '../request.ts';
import { findUserByEmail } from '../users.ts';
import { redirectFromQuery, validEmail } from './signup.ts';

const RecoverSchema = z.object({
  email: z.string().nullish(),
  code_challenge: z.string().nullish(),
  code_challenge_method: z.string().nullish(),
});

export async function recover(request: AuthRequest): Promise<AuthReply> {
  limitRequest(request, 'recover');
  const body = await readJson(request, RecoverSchema);
  if (!body.email) throw validationFailed('Password recovery requires an email');
  const email = validEmail(body.email);
  const challenge = readCodeChallenge(body);
  const { context } = request;
  const user = await findUserByEmail(context.authPool, email);
  if (!user) return { status: 200, body: {} };
  const token = await failingAs('Database error updating user for recovery', () =>
    inTransaction(context.authPool, async (client) => {
      if (challenge) await saveFlowState(client, user.id, challenge, 'recovery');
      return issueEmailToken(client, user.id, 'recovery_token', email, { pkce: challenge !== null });
    }),
  );
  sendAuthEmail(context, 'recovery', email, token, redirectFromQuery(request));
  return { status: 200, body: {} };
}

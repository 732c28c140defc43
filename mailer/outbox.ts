// The outbox protocol's three calls (supabase/migrations/20261202000110_mail_outbox__claims.sql).
// Each runs on its own in autocommit, so a claim is committed before the mail goes to SMTP: a
// crash after the claim leaves the row `sending` (later `unconfirmed`), never `pending` again.
import type pg from 'pg';

export type MailKind =
  | 'enrollment_approved' | 'enrollment_rejected' | 'enrollment_promoted' | 'password_reset'
  | 'order_placed' | 'order_cancelled' | 'order_shipped';
export type MailOutcome = 'sent' | 'pending' | 'failed';

export interface ClaimedMail {
  id: string;
  kind: MailKind;
  locale: string;
  payload: Record<string, unknown>;
  email: string;
  attempts: number;
}

type Queryable = Pick<pg.Pool, 'query'>;

/**
 * Up to `batch` due mails, now `sending` and claimed by `mailer` (committed when this returns).
 * The triggers write an event's English name and location into the payload; the event's
 * translation in the mail's language, where there is one, replaces them here, so a Korean
 * member reads the Korean name (as on the Korean event page).
 */
export async function claimMail(db: Queryable, mailer: string, batch: number): Promise<ClaimedMail[]> {
  const { rows } = await db.query<ClaimedMail>(
    `select c.id::text, c.kind::text, c.locale::text,
            c.payload || coalesce((
              select jsonb_strip_nulls(jsonb_build_object('event_name', t.name, 'location', t.location))
                from public.event_translations t
               where c.payload ->> 'event_id' ~ '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$'
                 and t.event_id = (c.payload ->> 'event_id')::uuid and t.locale = c.locale
            ), '{}'::jsonb) as payload,
            c.email, c.attempts
       from private.claim_mail($1, $2) as c`,
    [mailer, batch],
  );
  return rows;
}

/** Records the outcome: `smtpError` null → sent; else back to pending with backoff, or failed. */
export async function finishMail(
  db: Queryable,
  mail: { id: string; mailer: string; smtpError: string | null; backoffMs: number; maxAttempts: number },
): Promise<MailOutcome> {
  const { rows } = await db.query<{ status: MailOutcome }>(
    `select private.finish_mail($1::bigint, $2, $3, make_interval(secs => $4::double precision / 1000), $5)::text as status`,
    [mail.id, mail.mailer, mail.smtpError, mail.backoffMs, mail.maxAttempts],
  );
  return rows[0].status;
}

/** Claims older than the lease become `unconfirmed` (never resent automatically); returns how many. */
export async function settleStaleMail(db: Queryable, leaseMs: number): Promise<number> {
  const { rows } = await db.query<{ settled: number }>(
    'select private.settle_stale_mail(make_interval(secs => $1::double precision / 1000)) as settled',
    [leaseMs],
  );
  return rows[0].settled;
}

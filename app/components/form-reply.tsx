// Forms are checked on the server only: the action parses with conform's parseWithZod and returns
// `submission.reply()`, and the page shows what that reply says. Nothing here imports zod or
// conform's client runtime, because together they are over 100 kB of compressed JavaScript,
// more than a whole page may load (see README, "JavaScript per page"). The database checks
// everything again (CHECKs, RPC checks), so the browser never had the last word anyway.
//
// The pattern follows the error summary of the GOV.UK Design System: after a refused submit,
// focus moves to a summary at the top that lists every problem and links to its field, and each
// field shows its own message, tied to it with aria-describedby (forms.tsx).
import type { SubmissionResult } from '@conform-to/react';
import { useEffect, useRef } from 'react';

/** What an action returns for a form it refused (conform's `submission.reply()`). */
export type FormReply = SubmissionResult<string[]>;

/** conform keeps errors that belong to no field under the empty name. */
const FORM_LEVEL = '';

function isFormReply(value: unknown): value is FormReply {
  return typeof value === 'object' && value !== null && 'status' in value && ('error' in value || 'initialValue' in value);
}

/** The reply in an action's data, if the action returned one (it may return other shapes too). */
export function asFormReply(actionData: unknown): FormReply | undefined {
  return isFormReply(actionData) ? actionData : undefined;
}

/** The messages for one field, in the order the schema produced them. */
export function fieldErrors(reply: FormReply | undefined, name: string): string[] | undefined {
  const errors = reply?.error?.[name];
  return errors && errors.length > 0 ? errors : undefined;
}

/** Messages that belong to the whole form (a refusal from Auth or the database, say). */
export function formLevelErrors(reply: FormReply | undefined): string[] | undefined {
  return fieldErrors(reply, FORM_LEVEL);
}

/**
 * What the shopper typed into a field, to show again when the page is rendered from the server
 * (without JavaScript the browser loads a new document). With JavaScript the inputs keep their
 * own value. Fields the action hid from the reply (passwords) come back empty.
 */
export function fieldValue(reply: FormReply | undefined, name: string): string | undefined {
  const value = reply?.initialValue?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** A field's id, so the summary can link to it: one form per page section never clashes. */
export function fieldId(formId: string, name: string): string {
  return `${formId}-${name}`;
}

export interface SummaryField {
  name: string;
  label: string;
}

/**
 * The list of problems at the top of a refused form. It takes focus when a new reply arrives,
 * so keyboard and screen reader users start from what went wrong; each entry links to its field.
 */
export function ErrorSummary({
  reply,
  formId,
  title,
  fields,
}: {
  reply: FormReply | undefined;
  formId: string;
  title: string;
  /** The form's fields in page order, with the label the page shows for each. */
  fields: ReadonlyArray<SummaryField>;
}) {
  const summary = useRef<HTMLDivElement>(null);
  const fieldProblems = fields.flatMap((field) =>
    (fieldErrors(reply, field.name) ?? []).map((message) => ({ href: `#${fieldId(formId, field.name)}`, label: field.label, message })),
  );
  const formProblems = formLevelErrors(reply) ?? [];
  const hasProblems = fieldProblems.length + formProblems.length > 0;

  useEffect(() => {
    if (hasProblems) summary.current?.focus();
    // A new reply object means a new refused submit, even when the messages are the same.
  }, [reply, hasProblems]);

  if (!hasProblems) return null;
  return (
    <div ref={summary} className="error-summary" role="alert" tabIndex={-1} aria-labelledby={`${formId}-summary-title`}>
      <h2 id={`${formId}-summary-title`} className="error-summary__title">
        {title}
      </h2>
      <ul className="error-summary__list">
        {formProblems.map((message) => (
          <li key={`form:${message}`}>{message}</li>
        ))}
        {fieldProblems.map((problem) => (
          <li key={`${problem.href}:${problem.message}`}>
            <a href={problem.href}>
              {problem.label}: {problem.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

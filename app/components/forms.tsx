// Small form pieces: a labelled input wired to its errors for screen readers, and an error list.
// They hold no text of their own: labels, hints and pending labels come translated from the page.
// Errors are shown exactly as they arrive, because every producer already writes them in the
// page's language: zod schemas are built with the page's translator (app/utils/auth-schemas.ts),
// and Auth and database refusals are mapped with one (auth-errors.ts, rpc-errors.ts). So a
// message here is always a finished sentence, never a translation key.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react';
import { useNavigation } from '@remix-run/react';
import { useId, useSyncExternalStore } from 'react';

export type ListOfErrors = Array<string | null | undefined> | null | undefined;

function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const messages = errors?.filter((message): message is string => Boolean(message)) ?? [];
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="error-list">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  label: string;
  inputProps: InputHTMLAttributes<HTMLInputElement>;
  errors?: ListOfErrors;
  /** Shown under the input, e.g. password rules; linked with aria-describedby. */
  hint?: string;
  className?: string;
}

interface SelectFieldProps {
  label: string;
  selectProps: SelectHTMLAttributes<HTMLSelectElement>;
  options: ReadonlyArray<{ value: string; label: string }>;
  errors?: ListOfErrors;
  hint?: string;
  className?: string;
}

interface LabelledControlProps {
  label: string;
  errors?: ListOfErrors;
  hint?: string;
  className?: string;
  explicitId?: string;
  /** Renders the control with the id and ARIA attributes that tie it to its label, hint and errors. */
  children: (control: { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }) => ReactNode;
}

/** The label, hint and error list around one control, wired for screen readers. */
function LabelledControl({ label, errors, hint, className, explicitId, children }: LabelledControlProps) {
  const fallbackId = useId();
  const id = explicitId ?? fallbackId;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const hasErrors = Boolean(errors?.some(Boolean));
  const describedBy = [hint ? hintId : null, hasErrors ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={['field', hasErrors ? 'field--invalid' : '', className ?? ''].join(' ').trim()}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': hasErrors || undefined, 'aria-describedby': describedBy || undefined })}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      <ErrorList id={hasErrors ? errorId : undefined} errors={errors} />
    </div>
  );
}

export function Field({ label, inputProps, errors, hint, className }: FieldProps) {
  return (
    <LabelledControl label={label} errors={errors} hint={hint} className={className} explicitId={inputProps.id}>
      {(control) => <input {...inputProps} {...control} />}
    </LabelledControl>
  );
}

/** A labelled <select>, wired to its errors and hint like Field. */
export function SelectField({ label, selectProps, options, errors, hint, className }: SelectFieldProps) {
  return (
    <LabelledControl label={label} errors={errors} hint={hint} className={className} explicitId={selectProps.id}>
      {(control) => (
        <select {...selectProps} {...control}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </LabelledControl>
  );
}

/** A checkbox with its label after it (the label may hold links), wired to its errors. */
export function CheckboxField({ label, inputProps, errors }: { label: ReactNode; inputProps: InputHTMLAttributes<HTMLInputElement>; errors?: ListOfErrors }) {
  const fallbackId = useId();
  const id = inputProps.id ?? fallbackId;
  const errorId = `${id}-error`;
  const hasErrors = Boolean(errors?.some(Boolean));
  return (
    <div className={['field', 'field--checkbox', hasErrors ? 'field--invalid' : ''].join(' ').trim()}>
      <input {...inputProps} id={id} type="checkbox" aria-invalid={hasErrors || undefined} aria-describedby={hasErrors ? errorId : undefined} />
      <label htmlFor={id}>{label}</label>
      <ErrorList id={hasErrors ? errorId : undefined} errors={errors} />
    </div>
  );
}

/** A success or information message, announced politely when it appears. */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div className={children ? 'status-message' : undefined} role="status">
      {children}
    </div>
  );
}

/** Form-level errors (not tied to one field), announced as soon as they appear. */
export function FormErrors({ id, errors }: { id?: string; errors?: ListOfErrors }) {
  const messages = errors?.filter(Boolean) ?? [];
  return (
    <div id={id} className={messages.length ? 'form-errors' : undefined} role="alert" tabIndex={-1}>
      <ErrorList errors={messages} />
    </div>
  );
}

const subscribeToNothing = () => () => {};

/**
 * False in the server render and while hydrating, true once React runs in the browser: a form
 * (or the product gallery) renders its no-JavaScript version first and its scripted one after
 * hydration, without a mismatch. Here rather than in a module of its own because the pages that
 * use it all load this one already, and a separate module would be a separate chunk (the
 * checkout has no JavaScript bytes to spare).
 */
export function useIsHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

/** True while this page's form is being submitted to `formAction` (a path, without the query). */
export function useIsSubmitting(formAction: string): boolean {
  const navigation = useNavigation();
  return (
    navigation.state !== 'idle' &&
    navigation.formMethod === 'POST' &&
    navigation.formAction?.split('?')[0] === formAction
  );
}

/**
 * The form's submit button with a pending label. It stays enabled and focusable while pending
 * (a disabled button drops keyboard focus to the page), but ignores further presses so a double
 * click cannot send the form twice.
 */
export function SubmitButton({
  isPending,
  pendingLabel,
  children,
  className = 'button',
}: {
  isPending: boolean;
  pendingLabel: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <button
      type="submit"
      className={className}
      aria-disabled={isPending || undefined}
      onClick={(event) => {
        if (isPending) event.preventDefault();
      }}
    >
      {isPending ? pendingLabel : children}
    </button>
  );
}

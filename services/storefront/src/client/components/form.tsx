import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../lib/api';

type InputProps = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string };

/** A labelled input with its field error (from a 400's `errors`) right below it. */
export function Field({
  label,
  name,
  error,
  ...input
}: InputProps & { error?: string | undefined }) {
  const id = `field-${name}`;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
      {error && (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value?: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = `field-${props.name}`;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        rows={3}
        required={props.required}
        defaultValue={props.value}
      />
      {props.error && <p class="field-error">{props.error}</p>}
    </div>
  );
}

/** The API's answer to a form: its `detail` next to the form, field problems by name. */
export function FormProblem({ error }: { error: Error | undefined }) {
  if (!error) return null;
  return (
    <p class="form-error" role="alert">
      {error.message}
    </p>
  );
}

export const fieldErrors = (error: Error | undefined): Readonly<Record<string, string>> =>
  error instanceof ApiError ? error.fields : {};

/**
 * A form's submit: reads its fields, runs `action`, keeps the failure for display and the
 * busy flag that disables the submit button meanwhile.
 */
export function useSubmit(action: (fields: Record<string, string>) => Promise<void>) {
  const [error, setError] = useState<Error | undefined>();
  const [busy, setBusy] = useState(false);
  const onSubmit = async (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const fields = Object.fromEntries(
      [...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v : v.name]),
    );
    setBusy(true);
    setError(undefined);
    try {
      await action(fields);
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };
  return { onSubmit, error, busy };
}

export function Status({ children }: { children: ComponentChildren }) {
  return (
    <p class="status" role="status">
      {children}
    </p>
  );
}

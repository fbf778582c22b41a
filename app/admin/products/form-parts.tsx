import type { ReactNode } from "react";
import type { FormState } from "./form-actions";

type ControlProps = {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

/** A labelled control with its hint and its error, both tied to it for screen readers. */
export function Field({
  name,
  label,
  hint,
  error,
  children,
}: {
  name: string;
  label: string;
  hint?: string;
  error?: string;
  children: (props: ControlProps) => ReactNode;
}) {
  const describedBy = [hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(" ");
  return (
    <div className="admin-field">
      <label htmlFor={name}>{label}</label>
      {children({
        id: name,
        name,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {hint && (
        <span id={`${name}-hint`} className="muted small">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${name}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** The form's outcome: a polite note when it worked, an alert when it did not. */
export function FormStatus({ state, note }: { state: FormState; note?: string }) {
  if (state?.ok === false)
    return (
      <p role="alert" className="form-banner form-banner-error">
        {state.errors.form ?? state.message}
      </p>
    );
  const message = state?.ok ? state.message : note;
  return message ? (
    <p role="status" className="form-banner">
      {message}
    </p>
  ) : null;
}

export function SubmitButton({ pending, label }: { pending: boolean; label: string }) {
  return (
    <button type="submit" className="btn btn-primary" disabled={pending} aria-disabled={pending}>
      {pending ? "Saving…" : label}
    </button>
  );
}

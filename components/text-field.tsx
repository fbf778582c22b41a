import type { InputHTMLAttributes } from "react";

/**
 * A labelled input with its own error: `aria-invalid`, and the message (after any hint) tied to the
 * input by `aria-describedby`. `autoFocus` is for the first invalid field of a page rendered without
 * JavaScript; with JavaScript, ActionForm moves the focus.
 */
export function TextField({
  id,
  label,
  error,
  hint,
  ...input
}: {
  id: string;
  label: string;
  error?: string;
  hint?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "aria-invalid" | "aria-describedby">) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The first of `names` (in the order the form shows them) that has an error: it gets the focus. */
export function firstInvalid(names: readonly string[], errors: Record<string, string> | undefined) {
  return names.find((name) => errors?.[name]);
}

"use client";
import {
  createContext,
  type FormEvent,
  type FormHTMLAttributes,
  type ReactNode,
  startTransition,
  use,
  useEffect,
  useRef,
  useState,
} from "react";
import { requestFormReset } from "react-dom";

/** `pressed`: which submit button of this form started the pending action ("" for none in particular). */
type Submitting = { pending: boolean; pressed: string | null };
const SubmittingContext = createContext<Submitting>({ pending: false, pressed: null });
const buttonKey = (name = "", value = "") => `${name}=${value}`;

/**
 * The one form that posts a server action (`action` is useActionState's dispatcher). Without
 * JavaScript it is a plain POST. With it, a submit runs the action in a transition, and a second
 * submit while one is pending is dropped: the guard is a ref set in the submit event itself, so a
 * double click acts once even before React has re-rendered the buttons as disabled.
 * `beforeAction` runs inside the same transition (an optimistic update); `reset` restores the
 * inputs' defaults when the action ends, as React does for a plain form action; when the answer
 * marks fields invalid, focus moves to the first.
 */
export function ActionForm({
  action,
  pending,
  state,
  beforeAction,
  reset = true,
  children,
  ...props
}: {
  action: (formData: FormData) => void;
  pending: boolean;
  /** The action's last answer: a new failure moves focus to the first invalid field. */
  state?: { ok: boolean } | null;
  beforeAction?: (formData: FormData) => void;
  reset?: boolean;
  children: ReactNode;
} & Omit<FormHTMLAttributes<HTMLFormElement>, "action" | "onSubmit" | "children">) {
  const form = useRef<HTMLFormElement>(null);
  const busy = useRef(false);
  const [pressed, setPressed] = useState<string | null>(null);
  useEffect(() => {
    if (pending) return;
    busy.current = false;
    setPressed(null);
  }, [pending]);
  useEffect(() => {
    if (state && !state.ok) form.current?.querySelector<HTMLElement>("[aria-invalid='true']")?.focus();
  }, [state]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy.current) return;
    busy.current = true;
    const element = event.currentTarget;
    const button = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const formData = new FormData(element, button);
    // A form token (lib/form-token.ts) stops a repeated post without JavaScript; here the guard
    // above does that, and each deliberate submit must count, so each gets a token of its own.
    if (formData.has("formToken")) formData.set("formToken", freshToken());
    setPressed(button ? buttonKey(button.name, button.value) : "");
    startTransition(() => {
      beforeAction?.(formData);
      if (reset) requestFormReset(element);
      action(formData);
    });
  };
  return (
    <form ref={form} action={action} onSubmit={onSubmit} aria-busy={pending} {...props}>
      <SubmittingContext value={{ pending, pressed }}>{children}</SubmittingContext>
    </form>
  );
}

/** 128 random bits, hex (getRandomValues works on plain http too, unlike randomUUID). */
function freshToken(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join(
    "",
  );
}

/**
 * A submit button of an ActionForm: disabled while the form's action runs, and the one that was
 * pressed says what is happening (`pendingLabel`) in place of its label.
 */
export function SubmitButton({
  children,
  pendingLabel,
  name,
  value,
  disabled,
  className = "button button-primary",
  ...props
}: {
  children: ReactNode;
  pendingLabel: string;
  name?: string;
  value?: string;
  disabled?: boolean;
  className?: string;
  "aria-label"?: string;
  formNoValidate?: boolean;
}) {
  const form = use(SubmittingContext);
  const pressed = form.pending && (form.pressed === "" || form.pressed === buttonKey(name, value));
  return (
    <button
      type="submit"
      name={name}
      value={value}
      disabled={disabled || form.pending}
      className={className}
      {...props}
    >
      {pressed ? pendingLabel : children}
    </button>
  );
}

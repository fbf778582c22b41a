"use client";
import Link from "next/link";
import { useActionState } from "react";
import { type AuthActionState, loginAction, registerAction } from "@/app/(auth)/actions";
import type { CappedLine } from "@/lib/cart";
import { FormMessage } from "./form-message";

/** Log in or create an account; `next` (already checked to be a local path) is where to go after. */
export function AuthForm({ mode, next }: { mode: "login" | "register"; next: string }) {
  const [state, formAction, pending] = useActionState<AuthActionState, FormData>(
    mode === "login" ? loginAction : registerAction,
    null,
  );
  const fieldError = (field: string) =>
    state && !state.ok && state.error.field === field ? state.error : null;
  if (state?.ok) return <CappedNotice capped={state.data.capped} next={state.data.next} />;
  return (
    <form action={formAction} className="stack" aria-busy={pending} noValidate>
      <input type="hidden" name="next" value={next} />
      <div className="field">
        <label htmlFor="email">Email</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state?.email ?? ""}
          aria-invalid={fieldError("email") ? true : undefined}
          className="input"
        />
      </div>
      <div className="field">
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === "login" ? "current-password" : "new-password"}
          required
          minLength={mode === "register" ? 12 : undefined}
          aria-describedby={mode === "register" ? "password-hint" : undefined}
          aria-invalid={fieldError("password") ? true : undefined}
          className="input"
        />
        {mode === "register" && (
          <p id="password-hint" className="hint">
            At least 12 characters.
          </p>
        )}
      </div>
      {mode === "login" && (
        <p className="small">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      )}
      {state && !state.ok && <FormMessage state={state} />}
      <button type="submit" className="button button-primary button-wide">
        {mode === "login" ? "Log in" : "Create account"}
      </button>
      <p className="muted">
        {mode === "login" ? (
          <>
            New here? <Link href={`/register?next=${encodeURIComponent(next)}`}>Create an account</Link>
          </>
        ) : (
          <>
            Already have an account? <Link href={`/login?next=${encodeURIComponent(next)}`}>Log in</Link>
          </>
        )}
      </p>
    </form>
  );
}

/** Logged in, but the merged cart hit a limit: say what was kept before moving on. */
function CappedNotice({ capped, next }: { capped: CappedLine[]; next: string }) {
  return (
    <div className="stack">
      <div role="status" className="notice notice-warn">
        <p>
          You are logged in. We added the cart you had to your account's cart, but some quantities had to be
          reduced:
        </p>
        <ul>
          {capped.map((line) => (
            <li key={line.productId}>
              {line.name}: {line.kept} kept of {line.requested} wanted
              {line.kept === 0 ? " (sold out)" : ""}
            </li>
          ))}
        </ul>
      </div>
      <Link href={next} className="button button-primary button-wide">
        Continue
      </Link>
    </div>
  );
}

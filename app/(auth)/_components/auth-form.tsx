"use client";
import Link from "next/link";
import { useActionState } from "react";
import { type AuthActionState, loginAction, registerAction } from "@/app/(auth)/actions";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { FormMessage } from "@/components/form-message";
import { PasswordField } from "@/components/password-field";
import { firstInvalid, TextField } from "@/components/text-field";
import type { CappedLine } from "@/lib/cart";

/** Log in or create an account; `next` (already checked to be a local path) is where to go after. */
export function AuthForm({ mode, next }: { mode: "login" | "register"; next: string }) {
  const [state, formAction, pending] = useActionState<AuthActionState, FormData>(
    mode === "login" ? loginAction : registerAction,
    null,
  );
  const errors = state && !state.ok ? state.error.fields : undefined;
  const focus = firstInvalid(["email", "password"], errors);
  if (state?.ok) return <CappedNotice capped={state.data.capped} next={state.data.next} />;
  return (
    <ActionForm action={formAction} pending={pending} state={state} className="stack" noValidate>
      <input type="hidden" name="next" value={next} />
      <TextField
        id="email"
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state?.email ?? ""}
        hint={mode === "register" ? "We mail you a link to confirm it." : undefined}
        error={errors?.email}
        autoFocus={focus === "email"}
      />
      <PasswordField
        kind={mode === "login" ? "current" : "new"}
        id="password"
        name="password"
        label="Password"
        error={errors?.password}
        autoFocus={focus === "password"}
      />
      {mode === "login" && (
        <p className="small">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      )}
      {state && !state.ok && <FormMessage state={state} />}
      <SubmitButton
        className="button button-primary button-wide"
        pendingLabel={mode === "login" ? "Logging in…" : "Creating your account…"}
      >
        {mode === "login" ? "Log in" : "Create account"}
      </SubmitButton>
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
    </ActionForm>
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

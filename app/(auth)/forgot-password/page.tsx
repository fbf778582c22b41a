import type { Metadata } from "next";
import Link from "next/link";
import { MessageForm } from "@/components/message-form";
import { forgotPasswordAction } from "../recovery-actions";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <section className="auth-card" aria-labelledby="forgot-heading">
      <h1 id="forgot-heading">Forgot your password?</h1>
      <p className="muted">
        Enter your account's email address and we will mail you a link to choose a new one.
      </p>
      <MessageForm
        action={forgotPasswordAction}
        submitLabel="Send me a link"
        className="button button-primary button-wide"
      >
        <div className="field">
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="email" required className="input" />
        </div>
      </MessageForm>
      <p className="muted">
        Remembered it? <Link href="/login">Log in</Link>
      </p>
    </section>
  );
}

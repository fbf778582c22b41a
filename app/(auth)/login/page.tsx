import type { Metadata } from "next";
import { safeNextPath } from "@/lib/safe-next";
import { AuthForm } from "../_components/auth-form";

export const metadata: Metadata = { title: "Log in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <section className="auth-card" aria-labelledby="login-heading">
      <h1 id="login-heading">Log in</h1>
      {next === "/checkout" && (
        <p className="muted">Log in or create an account to check out. Your cart comes with you.</p>
      )}
      <AuthForm mode="login" next={next} />
    </section>
  );
}

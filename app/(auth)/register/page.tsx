import type { Metadata } from "next";
import { AuthForm } from "@/components/auth-form";
import { safeNextPath } from "@/lib/safe-next";

export const metadata: Metadata = { title: "Create account" };

export default async function RegisterPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const next = safeNextPath((await searchParams).next);
  return (
    <section className="auth-card" aria-labelledby="register-heading">
      <h1 id="register-heading">Create account</h1>
      <AuthForm mode="register" next={next} />
    </section>
  );
}

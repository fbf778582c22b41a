import type { Metadata } from "next";
import { safeNextPath } from "@/lib/safe-next";
import { AuthForm } from "../_components/auth-form";

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

"use server";
import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/action-result";
import { login, logout, register } from "@/lib/auth";
import type { CappedLine } from "@/lib/cart";
import { safeNextPath } from "@/lib/safe-next";
import { emailSchema, formFields, newPasswordSchema, parseInput, passwordSchema } from "@/lib/validation";

/** The typed email comes back so a failed attempt does not empty the field; the password never does. */
export type AuthActionState =
  | (ActionResult<{ capped: CappedLine[]; next: string }> & { email?: string })
  | null;

const loginSchema = z.object({ email: emailSchema, password: passwordSchema });
const registerSchema = z.object({ email: emailSchema, password: newPasswordSchema });

async function authenticate(
  name: string,
  formData: FormData,
  schema: typeof loginSchema,
  run: typeof login,
): Promise<NonNullable<AuthActionState>> {
  const fields = formFields(formData);
  const next = safeNextPath(fields.next);
  const result = await runAction(name, async () => {
    const { capped } = await run(parseInput(schema, fields));
    return { capped, next };
  });
  if (result.ok && result.data.capped.length === 0) redirect(next);
  if (result.ok) refresh(); // logged in, but something was capped: stay and say what
  return { ...result, email: fields.email?.slice(0, 254) };
}

export async function loginAction(_prev: AuthActionState, formData: FormData): Promise<AuthActionState> {
  return authenticate("login", formData, loginSchema, login);
}

export async function registerAction(_prev: AuthActionState, formData: FormData): Promise<AuthActionState> {
  return authenticate("register", formData, registerSchema, register);
}

export type LogoutState = ActionResult<null> | null;

export async function logoutAction(_prev: LogoutState): Promise<LogoutState> {
  const result = await runAction("logout", async () => {
    await logout();
    return null;
  });
  if (result.ok) redirect("/");
  return result;
}

"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { MessageState } from "@/components/message-form";
import { runAction } from "@/lib/action-result";
import { confirmEmailChange } from "@/lib/auth/account";
import { confirmAccountEmail } from "@/lib/auth/confirm";
import { requestPasswordReset, resetPassword } from "@/lib/auth/recovery";
import { TOKEN_LIFETIME_MS } from "@/lib/auth/tokens";
import { emailSchema, formFields, newPasswordSchema, parseInput } from "@/lib/validation";

const tokenSchema = z.string({ error: "This link is incomplete." }).max(100, "This link is incomplete.");

export async function forgotPasswordAction(_prev: MessageState, formData: FormData): Promise<MessageState> {
  return runAction("forgot-password", async () => {
    const { email } = parseInput(z.object({ email: emailSchema }), formFields(formData));
    await requestPasswordReset(email); // the mail is written after the answer: same answer, same time
    return {
      message: `If an account uses ${email}, we have sent it a link to choose a new password. The link works once, for ${TOKEN_LIFETIME_MS / 60_000} minutes.`,
    };
  });
}

export async function resetPasswordAction(_prev: MessageState, formData: FormData): Promise<MessageState> {
  const result = await runAction("reset-password", async () => {
    const input = parseInput(
      z.object({ token: tokenSchema, password: newPasswordSchema }),
      formFields(formData),
    );
    await resetPassword(input);
    return { message: "Your new password is set." };
  });
  if (result.ok) redirect("/account?password=reset");
  return result;
}

export async function confirmEmailAction(_prev: MessageState, formData: FormData): Promise<MessageState> {
  return runAction("confirm-email", async () => {
    const { token } = parseInput(z.object({ token: tokenSchema }), formFields(formData));
    const { email } = await confirmEmailChange(token);
    return { message: `Done: your account's email address is now ${email}.` };
  });
}

/** The link mailed at registration: confirms the address, and guest orders placed with it join the account. */
export async function confirmAccountAction(_prev: MessageState, formData: FormData): Promise<MessageState> {
  return runAction("confirm-account", async () => {
    const { token } = parseInput(z.object({ token: tokenSchema }), formFields(formData));
    const { email, attached } = await confirmAccountEmail(token);
    const orders =
      attached.length === 0
        ? ""
        : ` ${attached.length === 1 ? "The order" : `The ${attached.length} orders`} you placed as a guest with it ${attached.length === 1 ? "is" : "are"} now in your account.`;
    return { message: `Thank you: ${email} is confirmed.${orders}` };
  });
}

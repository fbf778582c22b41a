"use server";
import { refresh } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/action-result";
import {
  type AddressInput,
  addressSchema,
  createAddressOnce,
  deleteAddress,
  setDefaultAddress,
  updateAddress,
} from "@/lib/addresses";
import { changePassword, requestEmailChange } from "@/lib/auth/account";
import { resendAccountConfirmation } from "@/lib/auth/confirm";
import { FORM_TOKEN_FIELD, formTokenFrom } from "@/lib/form-token";
import { requireUser, signOutOtherSessions } from "@/lib/session";
import {
  emailSchema,
  formFields,
  newPasswordSchema,
  parseInput,
  passwordSchema,
  rowIdFromText,
} from "@/lib/validation";

export type AccountActionState =
  | (ActionResult<{ message: string }> & { values?: Partial<AddressInput> })
  | null;

const idSchema = z.object({ id: rowIdFromText("Unknown address.") });

async function respond(
  name: string,
  formData: FormData,
  body: (fields: Record<string, string>, userId: number, sessionId: string) => Promise<string>,
): Promise<AccountActionState> {
  const fields = formFields(formData);
  const result = await runAction(name, async () => {
    const user = await requireUser();
    return { message: await body(fields, user.userId, user.id) };
  });
  if (result.ok) {
    refresh();
    return result;
  }
  const { fullName, line1, line2, city, postalCode, country } = fields;
  return { ...result, values: { fullName, line1, line2, city, postalCode, country } };
}

export async function saveAddressAction(_prev: AccountActionState, formData: FormData) {
  return respond("save-address", formData, async (fields, userId, sessionId) => {
    const address = parseInput(addressSchema, fields);
    if (fields.id) {
      await updateAddress(userId, parseInput(idSchema, fields).id, address);
      return "Address updated.";
    }
    // A repeat of the same form (a double click without JavaScript) adds nothing and says the same.
    await createAddressOnce(
      { id: sessionId, userId },
      { ...address, makeDefault: fields.makeDefault === "on" },
      formTokenFrom(fields[FORM_TOKEN_FIELD]),
    );
    return "Address added.";
  });
}

export async function deleteAddressAction(_prev: AccountActionState, formData: FormData) {
  return respond("delete-address", formData, async (fields, userId) => {
    await deleteAddress(userId, parseInput(idSchema, fields).id);
    return "Address deleted.";
  });
}

export async function setDefaultAddressAction(_prev: AccountActionState, formData: FormData) {
  return respond("default-address", formData, async (fields, userId) => {
    await setDefaultAddress(userId, parseInput(idSchema, fields).id);
    return "Default address changed.";
  });
}

export async function signOutOthersAction(_prev: AccountActionState, formData: FormData) {
  return respond("sign-out-others", formData, async () => {
    const count = await signOutOtherSessions();
    return count === 0
      ? "No other sessions were signed in."
      : `Signed out ${count} other ${count === 1 ? "session" : "sessions"}.`;
  });
}

const changePasswordSchema = z.object({ currentPassword: passwordSchema, password: newPasswordSchema });
const changeEmailSchema = z.object({ currentPassword: passwordSchema, newEmail: emailSchema });

export async function changePasswordAction(_prev: AccountActionState, formData: FormData) {
  return respond("change-password", formData, async (fields) => {
    await changePassword(parseInput(changePasswordSchema, fields));
    return "Password changed. Every other session was signed out; this one continues.";
  });
}

export async function changeEmailAction(_prev: AccountActionState, formData: FormData) {
  return respond("change-email", formData, async (fields) => {
    const { newEmail, currentPassword } = parseInput(changeEmailSchema, fields);
    await requestEmailChange({ newEmail, currentPassword });
    return `We sent a confirmation link to ${newEmail}. Your address changes when you follow it.`;
  });
}

export async function resendConfirmationAction(_prev: AccountActionState, formData: FormData) {
  return respond("resend-confirmation", formData, async () => {
    const { email } = await resendAccountConfirmation();
    return `We sent a new link to ${email}.`;
  });
}

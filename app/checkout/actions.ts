"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, formFields, parseInput, runAction } from "@/lib/action-result";
import { type AddressInput, addressSchema } from "@/lib/addresses";
import { idempotencyKeySchema, placeOrder, type ShipTo } from "@/lib/orders/place";
import { noteOwnWrite, requireUser } from "@/lib/session";
import { rowIdFromText } from "@/lib/validation";

/** What was typed comes back on failure, so a refused order does not empty the address fields. */
export type CheckoutState = (ActionResult<{ orderId: number }> & { values?: Partial<AddressInput> }) | null;

const formSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  addressId: z
    .union([z.literal("new"), rowIdFromText("That address is not in your address book.")])
    .default("new"),
});

export async function placeOrderAction(_prev: CheckoutState, formData: FormData): Promise<CheckoutState> {
  const fields = formFields(formData);
  const result = await runAction("place-order", async () => {
    const user = await requireUser();
    const { idempotencyKey, addressId } = parseInput(formSchema, fields);
    const shipTo: ShipTo =
      addressId === "new"
        ? { address: parseInput(addressSchema, fields), save: fields.saveAddress === "on" }
        : { addressId };
    const { orderId } = await placeOrder({ userId: user.userId, idempotencyKey, shipTo });
    await noteOwnWrite(user); // the cart is empty now, on whichever instance serves the next page
    return { orderId };
  });
  if (result.ok) {
    revalidatePath("/", "layout"); // the header's cart count and bell change too
    redirect(`/orders/${result.data.orderId}?placed=1`);
  }
  const { fullName, line1, line2, city, postalCode, country } = fields;
  return { ...result, values: { fullName, line1, line2, city, postalCode, country } };
}

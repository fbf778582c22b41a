"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/action-result";
import { type AddressInput, addressSchema } from "@/lib/addresses";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { idempotencyKeySchema, placeGuestOrder, placeOrder, type ShipTo } from "@/lib/orders/place";
import { startPayment } from "@/lib/payment/checkout";
import { getSession, noteOwnWrite } from "@/lib/session";
import { emailSchema, formFields, parseInput, rowIdFromText } from "@/lib/validation";

/**
 * What was typed and chosen comes back on failure, so a refused order neither empties the address
 * fields nor hides them (without JavaScript the page is drawn again from this).
 */
export type CheckoutState =
  | (ActionResult<{ orderId: number }> & {
      values?: Partial<AddressInput> & { email?: string };
      addressId?: string;
    })
  | null;

const formSchema = z.object({
  idempotencyKey: idempotencyKeySchema,
  addressId: z
    .union([z.literal("new"), rowIdFromText("That address is not in your address book.")])
    .default("new"),
});
const guestSchema = z.object({ email: emailSchema });

/**
 * Places the cart as an order: the account's, or, without one, the anonymous session's as a guest
 * (decision 033). Then, for a card payment, off to Stripe Checkout; if Stripe cannot be reached the
 * order stays reserved and its page offers to pay again.
 */
export async function placeOrderAction(_prev: CheckoutState, formData: FormData): Promise<CheckoutState> {
  const fields = formFields(formData);
  const result = await runAction("place-order", async () => {
    const session = await getSession();
    if (!session) throw new AppError("CONFLICT", "Your cart is empty.");
    const { idempotencyKey, addressId } = parseInput(formSchema, fields);
    if (session.userId == null) {
      const { email } = parseInput(guestSchema, fields);
      const address = parseInput(addressSchema, fields);
      const { orderId } = await placeGuestOrder({ sessionId: session.id, email, idempotencyKey, address });
      await noteOwnWrite(session); // the cart is empty now, on whichever instance serves the next page
      return { orderId };
    }
    const shipTo: ShipTo =
      addressId === "new"
        ? { address: parseInput(addressSchema, fields), save: fields.saveAddress === "on" }
        : { addressId };
    const { orderId } = await placeOrder({ userId: session.userId, idempotencyKey, shipTo });
    await noteOwnWrite(session); // the cart is empty now, on whichever instance serves the next page
    return { orderId };
  });
  if (result.ok) {
    revalidatePath("/", "layout"); // the header's cart count and bell change too
    const { orderId } = result.data;
    const payAt = await startPayment(orderId).catch((error) => {
      log.warn("could not start the payment; the order page offers it again", { orderId, error });
      return null;
    });
    redirect(payAt ?? `/orders/${orderId}?placed=1`);
  }
  const { fullName, line1, line2, city, postalCode, country, email } = fields;
  return {
    ...result,
    values: { fullName, line1, line2, city, postalCode, country, email },
    addressId: fields.addressId,
  };
}

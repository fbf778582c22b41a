import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getOrderFor } from "@/lib/orders/queries";
import { OrderView } from "../_components/order-view";

type Props = { searchParams: Promise<{ token?: string; payment?: string }> };

// The token is in the query string, which the request log leaves out (lib/request-log.ts).
export const metadata: Metadata = { title: "Your order", referrer: "no-referrer", robots: { index: false } };

/** A guest order opened from its confirmation mail, in any browser (decision 033). */
export default async function GuestOrderPage({ searchParams }: Props) {
  const { token, payment } = await searchParams;
  if (!token) notFound();
  const order = await getOrderFor({ token }, 0).catch((error) => {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  });
  return <OrderView order={order} payment={payment} token={token} />;
}

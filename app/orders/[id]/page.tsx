import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { orderIdSchema } from "@/lib/orders/order-id";
import { getOrderFor } from "@/lib/orders/queries";
import { currentOrderViewer } from "@/lib/orders/viewer";
import { OrderView } from "../_components/order-view";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ placed?: string; payment?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order #${(await params).id}` };
}

/** The account's order, or a guest's order in the browser that placed it (decision 033). */
export default async function OrderPage({ params, searchParams }: Props) {
  const { id } = await params;
  const viewer = await currentOrderViewer();
  if (!viewer) redirect(`/login?next=${encodeURIComponent(`/orders/${id}`)}`);
  const orderId = orderIdSchema.safeParse(id);
  if (!orderId.success) notFound();
  const order = await getOrderFor(viewer, orderId.data).catch((error) => {
    if ((error as { code?: string }).code === "NOT_FOUND") notFound();
    throw error;
  });
  const { placed, payment } = await searchParams;
  return (
    <OrderView
      order={order}
      notice={placed === "1" ? "placed" : undefined}
      payment={payment}
      back={"userId" in viewer ? { href: "/orders", label: "All orders" } : undefined}
    />
  );
}

import Link from "next/link";
import type { AdminOrderRow } from "@/lib/admin/orders";
import { formatPrice } from "@/lib/money";
import { type Column, DataTable } from "./data-table";
import { formatCount, formatWhen } from "./format";
import { PaymentStatusBadge, StatusBadge } from "./status-badge";

const COLUMNS: Record<string, Column<AdminOrderRow>> = {
  order: { header: "Order", cell: (o) => <Link href={`/admin/orders/${o.id}`}>Order #{o.id}</Link> },
  placed: { header: "Placed", cell: (o) => <span className="muted">{formatWhen(o.createdAt)}</span> },
  customer: { header: "Customer", cell: (o) => (o.guest ? `${o.email} (guest)` : o.email) },
  items: { header: "Items", numeric: true, cell: (o) => formatCount(o.itemCount) },
  total: { header: "Total", numeric: true, cell: (o) => formatPrice(o.totalCents) },
  status: { header: "Status", cell: (o) => <StatusBadge status={o.status} /> },
  payment: {
    header: "Payment",
    cell: (o) =>
      o.paymentStatus ? <PaymentStatusBadge status={o.paymentStatus} /> : <span className="muted">—</span>,
  },
};

/** Orders as the dashboard and the orders page list them; `compact` drops the item count. */
export function OrdersTable({ orders, compact = false }: { orders: AdminOrderRow[]; compact?: boolean }) {
  const { items, ...rest } = COLUMNS;
  const columns = Object.values(compact ? rest : COLUMNS);
  return <DataTable columns={columns} rows={orders} rowKey={(o) => o.id} />;
}

import type { OrderStatus } from "@/db/schema";

const STEPS = ["placed", "packed", "shipped", "delivered"] as const;
const LABEL: Record<OrderStatus, string> = {
  placed: "Placed",
  packed: "Packed",
  shipped: "Shipped",
  delivered: "Delivered",
  cancelled: "Cancelled",
};
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Placed → packed → shipped → delivered, each with its time once reached; or where it was cancelled. */
export function OrderTimeline({
  status,
  events,
}: {
  status: OrderStatus;
  events: { status: OrderStatus; at: Date }[];
}) {
  const reachedAt = new Map(events.map((e) => [e.status, e.at]));
  const steps: OrderStatus[] =
    status === "cancelled" ? [...STEPS.filter((s) => reachedAt.has(s)), "cancelled"] : [...STEPS];
  const currentIndex = steps.indexOf(status);
  return (
    <ol className="timeline" aria-label="Order status">
      {steps.map((step, i) => {
        const state = i < currentIndex ? "done" : i === currentIndex ? "current" : "todo";
        const at = reachedAt.get(step);
        return (
          <li
            key={step}
            className={`timeline-step is-${state} ${step === "cancelled" ? "is-cancelled" : ""}`}
            aria-current={state === "current" ? "step" : undefined}
          >
            <span className="timeline-dot" aria-hidden="true" />
            <span className="timeline-label">{LABEL[step]}</span>
            <span className="timeline-time">{at ? when.format(at) : state === "todo" ? "Not yet" : ""}</span>
          </li>
        );
      })}
    </ol>
  );
}

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <span className={`status-badge status-${status}`}>{LABEL[status]}</span>;
}

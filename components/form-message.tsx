import type { ActionError } from "@/lib/action-result";

/**
 * The one way a form shows how its action went: errors are alerts, successes are polite status.
 * When several fields are wrong, each says why beside it and this says how many.
 */
export function FormMessage({
  state,
  id,
}: {
  state: { ok: true; data: { message: string } } | { ok: false; error: ActionError } | null;
  id?: string;
}) {
  if (!state) return null;
  if (!state.ok) {
    const count = Object.keys(state.error.fields ?? {}).length;
    return (
      <p role="alert" className="notice notice-error" id={id}>
        {count > 1 ? `${count} fields need correcting: see the message under each.` : state.error.message}
      </p>
    );
  }
  return (
    <p role="status" className="notice notice-ok" id={id}>
      {state.data.message}
    </p>
  );
}

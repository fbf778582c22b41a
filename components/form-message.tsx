import type { ActionError } from "@/lib/action-result";

/** The one way a form shows how its action went: errors are alerts, successes are polite status. */
export function FormMessage({
  state,
}: {
  state: { ok: true; data: { message: string } } | { ok: false; error: ActionError } | null;
}) {
  if (!state) return null;
  if (!state.ok)
    return (
      <p role="alert" className="notice notice-error">
        {state.error.message}
      </p>
    );
  return (
    <p role="status" className="notice notice-ok">
      {state.data.message}
    </p>
  );
}

import type { ActionResult } from "@/lib/action-result";

/** How an admin action went, under its button: the outcome as a polite status, an error as an alert. */
export function ActionNote<T>({
  state,
  describe,
}: {
  state: ActionResult<T> | null;
  describe: (data: T) => string;
}) {
  if (!state) return null;
  return state.ok ? (
    <p role="status" className="form-note">
      {describe(state.data)}
    </p>
  ) : (
    <p role="alert" className="form-note">
      {state.error.message}
    </p>
  );
}

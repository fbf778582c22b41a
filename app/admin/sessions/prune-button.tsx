"use client";

import { useActionState } from "react";
import { pruneNowAction } from "./actions";

export function PruneButton() {
  const [state, formAction, pending] = useActionState(pruneNowAction, null);
  return (
    <form action={formAction}>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? "Pruning…" : "Prune now"}
      </button>
      {state?.ok === true && (
        <p role="status" className="form-note">
          {state.data.ran
            ? `Deleted ${state.data.sessionsDeleted} expired ${state.data.sessionsDeleted === 1 ? "session" : "sessions"} in ${state.data.durationMs} ms.`
            : "Another prune is running right now; its figures will appear here when it ends."}
        </p>
      )}
      {state?.ok === false && (
        <p role="alert" className="form-note">
          {state.error.message}
        </p>
      )}
    </form>
  );
}

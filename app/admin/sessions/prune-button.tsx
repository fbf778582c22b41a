"use client";

import { useActionState } from "react";
import { ActionNote } from "../_components/action-note";
import { pruneNowAction } from "./actions";

export function PruneButton() {
  const [state, formAction, pending] = useActionState(pruneNowAction, null);
  return (
    <form action={formAction}>
      <button type="submit" className="btn" disabled={pending}>
        {pending ? "Pruning…" : "Prune now"}
      </button>
      <ActionNote
        state={state}
        describe={(d) =>
          d.ran
            ? `Deleted ${d.sessionsDeleted} expired ${d.sessionsDeleted === 1 ? "session" : "sessions"} in ${d.durationMs} ms.`
            : "Another prune is running right now; its figures will appear here when it ends."
        }
      />
    </form>
  );
}

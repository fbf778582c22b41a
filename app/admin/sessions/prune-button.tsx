"use client";

import { useActionState } from "react";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { ActionNote } from "../_components/action-note";
import { pruneNowAction } from "./actions";

export function PruneButton() {
  const [state, formAction, pending] = useActionState(pruneNowAction, null);
  return (
    <ActionForm action={formAction} pending={pending}>
      <SubmitButton className="btn" pendingLabel="Pruning…">
        Prune now
      </SubmitButton>
      <ActionNote
        state={state}
        describe={(d) =>
          d.ran
            ? `Deleted ${d.sessionsDeleted} expired ${d.sessionsDeleted === 1 ? "session" : "sessions"} in ${d.durationMs} ms.`
            : "Another prune is running right now; its figures will appear here when it ends."
        }
      />
    </ActionForm>
  );
}

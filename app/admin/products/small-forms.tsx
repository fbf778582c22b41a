"use client";

import { useActionState } from "react";
import { archiveProductAction, createCategoryAction, type FormState } from "./form-actions";
import { Field, FormStatus, SubmitButton } from "./form-parts";

/** Archive (or restore) one product: its own form, so it never rides along with a save. */
export function ArchiveForm({ id, name, archived }: { id: number; name: string; archived: boolean }) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(archiveProductAction, null);
  return (
    <form action={formAction} className="admin-form">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="archived" value={archived ? "false" : "true"} />
      <FormStatus state={state} />
      <p className="muted small">
        {archived
          ? "Archived: not in the shop. Restoring brings it back off sale."
          : "Archiving takes it out of the shop for good: carts still show it (checkout refuses it), past orders keep it."}
      </p>
      <button type="submit" className={archived ? "btn btn-quiet" : "btn btn-danger"} disabled={pending}>
        {pending ? "Working…" : archived ? `Restore ${name}` : `Archive ${name}`}
      </button>
    </form>
  );
}

export function CategoryForm() {
  const [state, formAction, pending] = useActionState<FormState, FormData>(createCategoryAction, null);
  const errors = state?.ok === false ? state.errors : {};
  const typed = state?.ok === false ? state.values : undefined;
  return (
    // A new key after a success empties the fields for the next category.
    <form action={formAction} className="admin-form" key={state?.ok ? state.message : "form"} noValidate>
      <FormStatus state={state} />
      <Field name="category-name" label="Name" error={errors.name}>
        {(props) => <input {...props} name="name" className="admin-input" defaultValue={typed?.name} />}
      </Field>
      <Field
        name="category-slug"
        label="Slug (optional)"
        hint="The address: /?category=…"
        error={errors.slug}
      >
        {(props) => <input {...props} name="slug" className="admin-input" defaultValue={typed?.slug} />}
      </Field>
      <SubmitButton pending={pending} label="Create category" />
    </form>
  );
}

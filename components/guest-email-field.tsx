import { TextField } from "./text-field";

/** A guest's email at checkout: where the confirmation and the link to the order go. */
export function GuestEmailField({ value, error }: { value?: string; error?: string }) {
  return (
    <fieldset className="stack">
      <legend>Contact</legend>
      <TextField
        id="guest-email"
        name="email"
        label="Email"
        type="email"
        autoComplete="email"
        required
        defaultValue={value ?? ""}
        hint="We send your order confirmation and a link to follow your order here."
        error={error}
        autoFocus={Boolean(error)}
      />
    </fieldset>
  );
}

/** A guest's email at checkout: where the confirmation and the link to the order go. */
export function GuestEmailField({ value, invalid }: { value?: string; invalid: boolean }) {
  return (
    <fieldset className="stack">
      <legend>Contact</legend>
      <div className="field">
        <label htmlFor="guest-email">Email</label>
        <input
          id="guest-email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={value ?? ""}
          aria-invalid={invalid ? true : undefined}
          aria-describedby="guest-email-hint"
          className="input"
        />
        <p id="guest-email-hint" className="muted small">
          We send your order confirmation and a link to follow your order here.
        </p>
      </div>
    </fieldset>
  );
}

import { MIN_PASSWORD_LENGTH } from "@/lib/validation";
import { TextField } from "./text-field";

/**
 * A password input. `new`: the shop's rule (lib/validation.ts `newPasswordSchema`) as `minLength`
 * and hint, and the browser may suggest one; `current`: the one being checked, filled by a manager.
 */
export function PasswordField({
  kind,
  hint,
  ...field
}: {
  kind: "new" | "current";
  id: string;
  name: string;
  label: string;
  /** Said after the length rule of a new password. */
  hint?: string;
  error?: string;
  autoFocus?: boolean;
}) {
  const isNew = kind === "new";
  const rule = `At least ${MIN_PASSWORD_LENGTH} characters.`;
  return (
    <TextField
      {...field}
      type="password"
      autoComplete={isNew ? "new-password" : "current-password"}
      required
      minLength={isNew ? MIN_PASSWORD_LENGTH : undefined}
      hint={isNew ? (hint ? `${rule} ${hint}` : rule) : hint}
    />
  );
}

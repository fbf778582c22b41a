import type { FieldErrors } from "@/lib/action-result";
import { firstInvalid, TextField } from "./text-field";

const FIELDS = [
  { name: "fullName", label: "Full name", autoComplete: "name" },
  { name: "line1", label: "Street address", autoComplete: "address-line1" },
  { name: "line2", label: "Flat, suite, etc. (optional)", autoComplete: "address-line2" },
  { name: "city", label: "Town or city", autoComplete: "address-level2" },
  { name: "postalCode", label: "Postcode", autoComplete: "postal-code" },
  { name: "country", label: "Country", autoComplete: "country-name" },
] as const;

type FieldName = (typeof FIELDS)[number]["name"];
const NAMES = FIELDS.map((f) => f.name);

/**
 * The address inputs of the account and checkout forms, each with its own error. `idPrefix` keeps
 * ids unique when several forms share a page; `autoCompleteSection` ("shipping") tells the browser
 * which address to fill.
 */
export function AddressFields({
  idPrefix,
  values,
  errors,
  autoCompleteSection,
}: {
  idPrefix: string;
  values: Partial<Record<FieldName, string | null>>;
  errors?: FieldErrors;
  autoCompleteSection?: string;
}) {
  const focus = firstInvalid(NAMES, errors);
  return FIELDS.map((f) => (
    <TextField
      key={f.name}
      id={`${idPrefix}-${f.name}`}
      name={f.name}
      label={f.label}
      autoComplete={autoCompleteSection ? `${autoCompleteSection} ${f.autoComplete}` : f.autoComplete}
      defaultValue={values[f.name] ?? ""}
      error={errors?.[f.name]}
      autoFocus={focus === f.name}
    />
  ));
}

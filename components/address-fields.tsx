const FIELDS = [
  { name: "fullName", label: "Full name", autoComplete: "name" },
  { name: "line1", label: "Street address", autoComplete: "address-line1" },
  { name: "line2", label: "Flat, suite, etc. (optional)", autoComplete: "address-line2" },
  { name: "city", label: "Town or city", autoComplete: "address-level2" },
  { name: "postalCode", label: "Postcode", autoComplete: "postal-code" },
  { name: "country", label: "Country", autoComplete: "country-name" },
] as const;

type FieldName = (typeof FIELDS)[number]["name"];

/**
 * The address inputs of the account and checkout forms. `idPrefix` keeps ids unique when several
 * forms share a page; `autoCompleteSection` ("shipping") tells the browser which address to fill.
 */
export function AddressFields({
  idPrefix,
  values,
  errorField,
  autoCompleteSection,
}: {
  idPrefix: string;
  values: Partial<Record<FieldName, string | null>>;
  errorField?: string;
  autoCompleteSection?: string;
}) {
  return FIELDS.map((f) => (
    <div className="field" key={f.name}>
      <label htmlFor={`${idPrefix}-${f.name}`}>{f.label}</label>
      <input
        id={`${idPrefix}-${f.name}`}
        name={f.name}
        autoComplete={autoCompleteSection ? `${autoCompleteSection} ${f.autoComplete}` : f.autoComplete}
        defaultValue={values[f.name] ?? ""}
        aria-invalid={errorField === f.name ? true : undefined}
        className="input"
      />
    </div>
  ));
}

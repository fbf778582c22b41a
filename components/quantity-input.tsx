import { MAX_QUANTITY } from "@/lib/validation";

/** The quantity box of the product page and of each cart line: whole numbers from 1 to the cap. */
export function QuantityInput({
  id,
  defaultValue,
  disabled,
}: {
  id: string;
  defaultValue: number;
  disabled?: boolean;
}) {
  return (
    <input
      id={id}
      name="quantity"
      type="number"
      inputMode="numeric"
      min={1}
      max={MAX_QUANTITY}
      step={1}
      defaultValue={defaultValue}
      required
      disabled={disabled}
      className="input input-qty"
    />
  );
}

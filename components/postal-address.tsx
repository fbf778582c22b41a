import { Fragment } from "react";
import { addressLines, type PostalAddressParts } from "@/lib/postal-address";

/**
 * The one way an address is shown, to shoppers and staff alike: one line per part, the name first
 * and bold. `inline` renders a span (for inside a label, where <address> may not go).
 */
export function PostalAddress({
  address,
  inline = false,
}: {
  address: PostalAddressParts;
  inline?: boolean;
}) {
  const [name, ...rest] = addressLines(address);
  const Tag = inline ? "span" : "address";
  return (
    <Tag className="address">
      <strong>{name}</strong>
      {rest.map((line, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the lines of one address, in a fixed order
        <Fragment key={i}>
          <br />
          {line}
        </Fragment>
      ))}
    </Tag>
  );
}

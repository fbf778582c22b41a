import { Fragment } from "react";

type PostalAddress = {
  fullName: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
};

/** A shipping address, one line per part, as the shopper and the staff both see it. */
export function PostalAddressBlock({ address: a }: { address: PostalAddress }) {
  const lines = Object.entries({
    name: a.fullName,
    line1: a.line1,
    line2: a.line2,
    town: `${a.postalCode} ${a.city}`,
    country: a.country,
  }).filter(([, line]) => line);
  return (
    <address className="address">
      {lines.map(([part, line], i) => (
        <Fragment key={part}>
          {i > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </address>
  );
}

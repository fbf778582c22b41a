/** An address's parts as stored (saved addresses and orders' ship-to columns alike). */
export type PostalAddressParts = {
  fullName: string;
  line1: string;
  line2?: string | null;
  city: string;
  postalCode: string;
  country: string;
};

/**
 * The one address format, for pages and plain text alike: the lines as a UK envelope has them
 * (name, street, town, postcode, country), empty parts left out.
 */
export function addressLines(a: PostalAddressParts): string[] {
  return [a.fullName, a.line1, a.line2, a.city, a.postalCode, a.country].filter((line): line is string =>
    Boolean(line?.trim()),
  );
}

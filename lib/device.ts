import { userAgentFromString } from "next/server";

/** "Chrome on macOS", "Safari on iOS (mobile)": enough to recognise a session, from its user agent. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const ua = userAgentFromString(userAgent);
  const browser = ua.browser.name;
  const os = ua.os.name;
  if (!browser && !os) return ua.isBot ? "A bot" : "Unknown browser";
  const kind = ua.device.type === "mobile" ? " (phone)" : ua.device.type === "tablet" ? " (tablet)" : "";
  if (browser && os) return `${browser} on ${os}${kind}`;
  return `${browser ?? os}${kind}`;
}

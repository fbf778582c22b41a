// Staff work across time zones and servers run in UTC: every admin time is shown in UTC, and says so.
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});
const hour = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

export function formatWhen(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}

export function formatHour(date: Date): string {
  return hour.format(date);
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-GB");
}

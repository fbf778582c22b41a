import { env } from "../env";

/** The shop's name as every mail shows it (the layout's title says the same). */
export const SHOP_NAME = "Keepcart";

/** An absolute link to `path` on the shop's configured public address (never a request's Host). */
export function shopUrl(path: string, base = env().publicBaseUrl): string {
  return new URL(path, `${base}/`).toString();
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export type MailContent = {
  /** Shown as the mail's first line and heading; also a sensible subject. */
  heading: string;
  /** Plain sentences; each becomes a paragraph (escaped in the HTML part). */
  paragraphs: string[];
  /** The one thing to click, if any. */
  action?: { label: string; url: string };
  /** A last, quieter line (why you got this mail, what to do if it was not you). */
  footnote?: string;
};

/** One layout for every mail: a text part and an HTML part saying the same, with the shop's name. */
export function renderMail(content: MailContent): { text: string; html: string } {
  const text = [
    content.heading,
    "",
    ...content.paragraphs.flatMap((p) => [p, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...(content.footnote ? [content.footnote, ""] : []),
    `— ${SHOP_NAME}`,
  ].join("\n");
  const p = (s: string) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`;
  const button = content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1f4f46;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:13px;color:#555">Or copy this link: ${escapeHtml(content.action.url)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.heading)}</title></head>
<body style="margin:0;padding:24px;background:#f6f5f1;font-family:system-ui,sans-serif;color:#1c1c1c;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
<p style="margin:0 0 16px;font-weight:700;color:#1f4f46">${escapeHtml(SHOP_NAME)}</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>
${content.paragraphs.map(p).join("\n")}
${button}
${content.footnote ? `<p style="margin:16px 0 0;font-size:13px;color:#555">${escapeHtml(content.footnote)}</p>` : ""}
</div></body></html>`;
  return { text, html };
}

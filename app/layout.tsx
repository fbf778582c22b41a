import type { Metadata, Viewport } from "next";
import { CartCountProvider } from "@/components/cart-count";
import { SiteHeader } from "@/components/site-header";
import { UnavailableNotice } from "@/components/unavailable-notice";
import { toAppError } from "@/lib/errors";
import { getSession, type SessionRecord } from "@/lib/session";
import "./globals.css";
import "./shop.css";

export const metadata: Metadata = {
  title: { default: "Keepcart", template: "%s · Keepcart" },
  description: "Well-made things for kitchen, desk and the outdoors. Your cart keeps.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The session read can fail only if the database went away after proxy.ts checked it (for example
 * while a form posted without JavaScript): then the page says so instead of failing blank.
 */
async function sessionOrOutage(): Promise<SessionRecord | null | "unavailable"> {
  try {
    return await getSession();
  } catch (error) {
    if (toAppError(error).code === "UNAVAILABLE") return "unavailable";
    throw error;
  }
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await sessionOrOutage();
  if (session === "unavailable") {
    return (
      <html lang="en">
        <body>
          <main className="page">
            <UnavailableNotice />
          </main>
        </body>
      </html>
    );
  }
  return (
    <html lang="en">
      <body>
        <CartCountProvider count={session?.cartCount ?? 0}>
          <SiteHeader />
          <main className="page">{children}</main>
        </CartCountProvider>
        <footer className="site-footer">Keepcart · carts and logins that survive restarts</footer>
      </body>
    </html>
  );
}

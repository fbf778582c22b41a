import type { Metadata, Viewport } from "next";
import { CartCountProvider } from "@/components/cart-count";
import { UnavailableNotice } from "@/components/unavailable-notice";
import { confirmDatabaseIfSuspect } from "@/lib/database";
import { env } from "@/lib/env";
import { toAppError } from "@/lib/errors";
import { getSession, type SessionRecord } from "@/lib/session";
import { SiteHeader } from "./_components/site-header";
import "./globals.css";
import "./shop.css";

export async function generateMetadata(): Promise<Metadata> {
  return {
    // Open Graph images and canonical links are made absolute against this.
    metadataBase: new URL(env().publicBaseUrl),
    title: { default: "Keepcart", template: "%s · Keepcart" },
    description:
      "Well-made things for kitchen, desk and the outdoors: cast iron, good paper, warm wool and fresh coffee. Free delivery.",
    applicationName: "Keepcart",
    openGraph: { siteName: "Keepcart", type: "website", locale: "en_GB" },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The database can go away after proxy.ts checked it (for example under a form posted without
 * JavaScript, whose action failed): then the page says so instead of failing blank. The session
 * may come from the cache, so after an outage was seen the database is probed first.
 */
async function sessionOrOutage(): Promise<SessionRecord | null | "unavailable"> {
  try {
    const session = await getSession(); // first: it reads the request, so a build never gets here
    await confirmDatabaseIfSuspect();
    return session;
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
        <footer className="site-footer">
          <p>
            <strong>Keepcart</strong> · well-made things for kitchen, desk and the outdoors
          </p>
          <p>Free delivery on every order · Your cart is saved, on any device you sign in on</p>
        </footer>
      </body>
    </html>
  );
}

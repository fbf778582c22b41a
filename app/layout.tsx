import type { Metadata, Viewport } from "next";
import { CartCountProvider } from "@/components/cart-count";
import { SiteHeader } from "@/components/site-header";
import { getSession } from "@/lib/session";
import "./globals.css";
import "./shop.css";

export const metadata: Metadata = {
  title: { default: "Keepcart", template: "%s · Keepcart" },
  description: "Well-made things for kitchen, desk and the outdoors. Your cart keeps.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const session = await getSession();
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

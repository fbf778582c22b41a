import type { Metadata, Viewport } from "next";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keepcart", template: "%s · Keepcart" },
  description: "Well-made things for kitchen, desk and the outdoors. Your cart keeps.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main className="page">{children}</main>
        <footer className="site-footer">Keepcart · carts and logins that survive restarts</footer>
      </body>
    </html>
  );
}

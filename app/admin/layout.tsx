import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/admin/require";
import { AdminNav } from "./_components/admin-nav";
import "./admin.css";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Keepcart admin" },
  robots: { index: false, follow: false },
};

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdmin();
  return (
    <div className="admin-shell">
      <header className="admin-bar">
        <div className="admin-bar-inner">
          <Link href="/admin" className="admin-brand">
            Keepcart<span>Admin</span>
          </Link>
          <AdminNav />
          <p className="admin-who">
            Signed in as <strong>{actor}</strong>
            <Link href="/">View shop</Link>
          </p>
        </div>
      </header>
      <div className="admin-main">{children}</div>
    </div>
  );
}

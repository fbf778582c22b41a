import type { Metadata } from "next";
import Link from "next/link";
import { listAdminCategories } from "@/lib/admin/categories";
import { requireAdmin } from "@/lib/admin/require";
import { ProductForm } from "../product-form";

export const metadata: Metadata = { title: "New product" };

export default async function NewProductPage() {
  await requireAdmin();
  const categories = await listAdminCategories();
  return (
    <>
      <p className="admin-back">
        <Link href="/admin/products">← Products</Link>
      </p>
      <h1>New product</h1>
      <p className="admin-lede">It appears in the shop as soon as it is created, if it is on sale.</p>
      <section className="panel admin-form-panel" aria-label="New product">
        <ProductForm categories={categories} />
      </section>
    </>
  );
}

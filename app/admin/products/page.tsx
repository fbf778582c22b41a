import type { Metadata } from "next";
import { listAdminProducts } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/admin/require";
import { ProductRow } from "./product-row";

export const metadata: Metadata = { title: "Products" };

export default async function AdminProductsPage() {
  await requireAdmin();
  const products = await listAdminProducts();
  return (
    <>
      <h1>Products</h1>
      <p className="admin-lede">
        Change a price, the stock or whether a product is on sale, then save its row. The shop shows it at
        once.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so a keyboard can scroll the table sideways on a phone. */}
      <section className="panel table-scroll" aria-label="Products" tabIndex={0}>
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Price (£)</th>
              <th scope="col">Stock</th>
              <th scope="col">On sale</th>
              <th scope="col">
                <span className="muted">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <ProductRow key={p.id} product={p} />
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

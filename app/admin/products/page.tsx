import type { Metadata } from "next";
import Link from "next/link";
import { listAdminCategories } from "@/lib/admin/categories";
import { listAdminProducts } from "@/lib/admin/products";
import { requireAdmin } from "@/lib/admin/require";
import { Panel } from "../_components/panel";
import { ProductRow } from "./product-row";
import { CategoryForm } from "./small-forms";

export const metadata: Metadata = { title: "Products" };

export default async function AdminProductsPage() {
  await requireAdmin();
  const [all, categories] = await Promise.all([listAdminProducts(), listAdminCategories()]);
  const current = all.filter((p) => !p.archived);
  const archived = all.filter((p) => p.archived);
  return (
    <>
      <div className="admin-title-row">
        <h1>Products</h1>
        <Link href="/admin/products/new" className="btn">
          New product
        </Link>
      </div>
      <p className="admin-lede">
        Change a price, the stock or whether a product is on sale, then save its row; open a product to change
        anything else, its picture included, or to archive it. The shop shows it at once.
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: focusable so a keyboard can scroll the table sideways on a phone. */}
      <section className="panel table-scroll" aria-label="Products" tabIndex={0}>
        <table className="admin-table as-cards product-table">
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
            {current.map((p) => (
              <ProductRow key={p.id} product={p} />
            ))}
          </tbody>
        </table>
      </section>
      <div className="admin-grid admin-grid-2">
        <Panel id="categories" title="Categories">
          <ul className="admin-list">
            {categories.map((c) => (
              <li key={c.id}>
                {c.name}{" "}
                <span className="muted">· {c.products === 1 ? "1 product" : `${c.products} products`}</span>
              </li>
            ))}
          </ul>
          <h3 className="admin-subhead">New category</h3>
          <CategoryForm />
        </Panel>
        <Panel id="archived" title={`Archived (${archived.length})`}>
          {archived.length === 0 ? (
            <p className="muted">Nothing archived. Archive a product from its page.</p>
          ) : (
            <ul className="admin-list">
              {archived.map((p) => (
                <li key={p.id}>
                  <Link href={`/admin/products/${p.id}`}>{p.name}</Link>{" "}
                  <span className="muted">· {p.category}</span>
                </li>
              ))}
            </ul>
          )}
        </Panel>
      </div>
    </>
  );
}

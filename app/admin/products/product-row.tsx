"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ProductImage } from "@/components/product-image";
import type { AdminProduct } from "@/lib/admin/products";
import { formatPrice } from "@/lib/money";
import { ActionNote } from "../_components/action-note";
import { updateProductAction } from "./actions";

const pounds = (cents: number) => (cents / 100).toFixed(2);

/** One product as a table row; its inputs belong to the form in the last cell (a form cannot wrap a row). */
export function ProductRow({ product }: { product: AdminProduct }) {
  const [state, formAction, pending] = useActionState(updateProductAction, null);
  const formId = `product-${product.id}`;
  const invalid = (field: string) => (state?.ok === false && state.error.field === field ? true : undefined);
  return (
    <tr className={product.active ? undefined : "row-off"}>
      <td className="card-head">
        <div className="product-cell">
          <ProductImage src={product.image} alt="" size={40} />
          <div>
            <Link href={`/admin/products/${product.id}`} className="product-name-admin">
              {product.name}
            </Link>
            <div className="muted">
              {product.category}
              {product.stock === 0 && <span className="stock-out">· out of stock</span>}
              {!product.active && <span className="muted"> · not on sale</span>}
            </div>
          </div>
        </div>
      </td>
      <td data-label="Price (£)">
        <input
          form={formId}
          name="price"
          className="admin-input"
          inputMode="decimal"
          defaultValue={pounds(product.priceCents)}
          aria-label={`Price of ${product.name} in pounds`}
          aria-invalid={invalid("price")}
          required
        />
      </td>
      <td data-label="Stock">
        <input
          form={formId}
          name="stock"
          type="number"
          min={0}
          step={1}
          className="admin-input"
          defaultValue={product.stock}
          aria-label={`Stock of ${product.name}`}
          aria-invalid={invalid("stock")}
          required
        />
      </td>
      <td data-label="On sale">
        <input
          form={formId}
          name="active"
          type="checkbox"
          defaultChecked={product.active}
          aria-label={`${product.name} on sale`}
        />
      </td>
      <td className="card-foot">
        <form id={formId} action={formAction}>
          <input type="hidden" name="productId" value={product.id} />
          <button
            type="submit"
            className="btn btn-quiet"
            disabled={pending}
            aria-label={pending ? `Saving ${product.name}` : `Save ${product.name}`}
          >
            {pending ? "Saving…" : "Save"}
          </button>
        </form>
        <ActionNote
          state={state}
          describe={(d) =>
            d.changed
              ? `Saved: ${formatPrice(d.product.priceCents)}, ${d.product.stock} in stock${d.product.active ? "" : ", off sale"}.`
              : "No changes."
          }
        />
      </td>
    </tr>
  );
}

"use client";

import { useActionState, useEffect, useRef } from "react";
import { ProductImage } from "@/components/product-image";
import type { EditableProduct } from "@/lib/admin/product-edit";
import { imagePath } from "@/lib/images/urls";
import { createProductAction, editProductAction, type FormState } from "./form-actions";
import { Field, FormStatus, SubmitButton } from "./form-parts";

const pounds = (cents: number) => (cents / 100).toFixed(2);

type Props = {
  categories: { id: number; name: string }[];
  /** Absent: the create form. */
  product?: EditableProduct;
  /** A note to show before any submit (e.g. "Created." after the create form redirected here). */
  note?: string;
};

/** Create or edit a product: every field, and a picture. Works without JavaScript (a plain multipart post). */
export function ProductForm({ categories, product, note }: Props) {
  const [state, formAction, pending] = useActionState<FormState, FormData>(
    product ? editProductAction : createProductAction,
    null,
  );
  const form = useRef<HTMLFormElement>(null);
  // After a refused submit, put the keyboard on the first field to fix.
  useEffect(() => {
    if (state?.ok === false) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  const errors = state?.ok === false ? state.errors : {};
  // What was typed survives a refused submit; otherwise the saved product (or empty for a new one).
  const typed = state?.ok === false ? state.values : undefined;
  const value = (field: string, saved: string | undefined) => typed?.[field] ?? saved ?? "";
  const active = typed ? typed.active === "on" : (product?.active ?? true);
  return (
    <form ref={form} action={formAction} className="admin-form" noValidate>
      {product && <input type="hidden" name="id" value={product.id} />}
      <FormStatus state={state} note={note} />
      <Field name="name" label="Name" error={errors.name}>
        {(props) => <input {...props} className="admin-input" defaultValue={value("name", product?.name)} />}
      </Field>
      <Field
        name="slug"
        label="Slug (the address: /products/…)"
        hint={
          product ? "Changing it changes the product's address." : "Leave empty to make it from the name."
        }
        error={errors.slug}
      >
        {(props) => <input {...props} className="admin-input" defaultValue={value("slug", product?.slug)} />}
      </Field>
      <Field name="description" label="Description" error={errors.description}>
        {(props) => (
          <textarea
            {...props}
            rows={4}
            className="admin-input"
            defaultValue={value("description", product?.description)}
          />
        )}
      </Field>
      <div className="admin-form-row">
        <Field name="price" label="Price (£)" hint="Like 12.50" error={errors.price}>
          {(props) => (
            <input
              {...props}
              inputMode="decimal"
              className="admin-input"
              defaultValue={value("price", product ? pounds(product.price) : undefined)}
            />
          )}
        </Field>
        <Field name="stock" label="Stock" error={errors.stock}>
          {(props) => (
            <input
              {...props}
              type="number"
              min={0}
              step={1}
              className="admin-input"
              defaultValue={value("stock", product ? String(product.stock) : undefined)}
            />
          )}
        </Field>
        <Field name="categoryId" label="Category" error={errors.categoryId}>
          {(props) => (
            <select
              {...props}
              // React's reset after an action puts a select back to the option it first rendered with;
              // a new key draws it again on the value that came back, so a refused form keeps it.
              key={value("categoryId", product ? String(product.categoryId) : undefined) ?? ""}
              className="admin-input"
              defaultValue={value("categoryId", product ? String(product.categoryId) : undefined)}
            >
              {!product && <option value="">Choose…</option>}
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="admin-check">
        <input
          id="active"
          name="active"
          type="checkbox"
          defaultChecked={active}
          disabled={product?.archived}
          aria-invalid={errors.active ? true : undefined}
          aria-describedby={errors.active ? "active-error" : "active-hint"}
        />
        <label htmlFor="active">On sale</label>
        <span id="active-hint" className="muted">
          {product?.archived ? "Archived: restore it first." : "Shown in the shop and can be bought."}
        </span>
        {errors.active && (
          <span id="active-error" className="field-error">
            {errors.active}
          </span>
        )}
      </div>
      <Field
        name="image"
        label={product?.imageHash ? "Replace the picture" : "Picture"}
        hint="JPEG, PNG or WebP, up to 5 MB. Square pictures look best."
        error={errors.image && `${errors.image} Choose the file again.`}
      >
        {(props) => (
          <div className="admin-image-field">
            {product?.imageHash && (
              <ProductImage
                src={imagePath(product.imageHash)}
                alt={`Current picture of ${product.name}`}
                size={96}
              />
            )}
            <input {...props} type="file" accept="image/jpeg,image/png,image/webp" className="admin-file" />
          </div>
        )}
      </Field>
      <SubmitButton pending={pending} label={product ? "Save product" : "Create product"} />
    </form>
  );
}

"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createCategory } from "@/lib/admin/categories";
import { createProduct, editProduct, setArchived } from "@/lib/admin/product-edit";
import { categoryFormSchema, fieldErrors, productFormSchema } from "@/lib/admin/product-form";
import { adminAction } from "@/lib/admin/require";
import { normaliseUpload, type StoredImage } from "@/lib/images/process";
import { formFields, rowIdFromText } from "@/lib/validation";

/**
 * What a staff form shows after a submit: a note, or every problem by field with what was typed, so
 * that nothing is lost (the same with and without JavaScript). A file input cannot be refilled: the
 * image's message says to choose it again.
 */
export type FormState =
  | { ok: true; message: string }
  | { ok: false; message: string; errors: Record<string, string>; values: Record<string, string> }
  | null;

type Outcome = { message: string; redirectTo?: string } | { errors: Record<string, string> };

async function runForm(
  name: string,
  formData: FormData,
  body: (actor: string, values: Record<string, string>) => Promise<Outcome>,
): Promise<FormState> {
  const values = formFields(formData);
  const result = await adminAction(name, (actor) => body(actor, values));
  if (!result.ok) {
    const { field, message } = result.error;
    return { ok: false, message, errors: field ? { [field]: message } : {}, values };
  }
  if ("errors" in result.data) {
    const count = Object.keys(result.data.errors).length;
    const message = count === 1 ? "Check the field marked below." : `Check the ${count} fields marked below.`;
    return { ok: false, message, errors: result.data.errors, values };
  }
  revalidatePath("/", "layout");
  // Outside adminAction's try: redirect() works by throwing.
  if (result.data.redirectTo) redirect(result.data.redirectTo);
  return { ok: true, message: result.data.message };
}

/** The uploaded picture, checked from its bytes; none chosen is null. */
async function uploadedImage(formData: FormData): Promise<StoredImage | null> {
  const file = formData.get("image");
  if (!(file instanceof File) || (file.size === 0 && file.name === "")) return null;
  return normaliseUpload(new Uint8Array(await file.arrayBuffer()));
}

export async function createProductAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runForm("create product", formData, async (actor, values) => {
    const parsed = productFormSchema.safeParse(values);
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const image = await uploadedImage(formData);
    const { id } = await createProduct({ ...parsed.data, image, actor });
    return { message: "Created.", redirectTo: `/admin/products/${id}?created=1` };
  });
}

const productId = rowIdFromText("Unknown product.");

export async function editProductAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runForm("edit product", formData, async (actor, values) => {
    const parsed = productFormSchema.safeParse(values);
    const id = productId.safeParse(values.id);
    if (!id.success) return { errors: { form: "Unknown product." } };
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const image = await uploadedImage(formData);
    const { changed } = await editProduct({ ...parsed.data, id: id.data, image, actor });
    return { message: changed.length === 0 ? "No changes to save." : `Saved: ${changed.join(", ")}.` };
  });
}

export async function archiveProductAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runForm("archive product", formData, async (actor, values) => {
    const id = productId.safeParse(values.id);
    if (!id.success) return { errors: { form: "Unknown product." } };
    const archived = values.archived === "true";
    const result = await setArchived({ id: id.data, archived, actor });
    return {
      message: archived
        ? `${result.name} is archived: it has left the shop.`
        : `${result.name} is restored, not on sale yet: tick “On sale” and save to sell it.`,
    };
  });
}

export async function createCategoryAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return runForm("create category", formData, async (actor, values) => {
    const parsed = categoryFormSchema.safeParse(values);
    if (!parsed.success) return { errors: fieldErrors(parsed.error) };
    const category = await createCategory({ ...parsed.data, actor });
    return { message: `Category “${category.name}” created.` };
  });
}

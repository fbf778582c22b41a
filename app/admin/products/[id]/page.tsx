import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listAdminCategories } from "@/lib/admin/categories";
import { getEditableProduct } from "@/lib/admin/product-edit";
import { requireAdmin } from "@/lib/admin/require";
import { rowIdFromText } from "@/lib/validation";
import { Panel } from "../../_components/panel";
import { ProductForm } from "../product-form";
import { ArchiveForm } from "../small-forms";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
};

const idSchema = rowIdFromText("Unknown product.");

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const id = idSchema.safeParse((await params).id);
  const product = id.success ? await getEditableProduct(id.data) : null;
  return { title: product ? `Edit ${product.name}` : "Product not found" };
}

export default async function EditProductPage({ params, searchParams }: Props) {
  await requireAdmin();
  const id = idSchema.safeParse((await params).id);
  const product = id.success ? await getEditableProduct(id.data) : null;
  if (!product) notFound();
  const categories = await listAdminCategories();
  const created = (await searchParams).created === "1";
  return (
    <>
      <p className="admin-back">
        <Link href="/admin/products">← Products</Link>
      </p>
      <h1>{product.name}</h1>
      <p className="admin-lede">
        {product.archived ? (
          "Archived: not in the shop."
        ) : product.active ? (
          <>
            In the shop at <Link href={`/products/${product.slug}`}>/products/{product.slug}</Link>.
          </>
        ) : (
          "Not on sale: hidden from the shop."
        )}
      </p>
      <div className="admin-two">
        <section className="panel admin-form-panel" aria-label="Product details">
          <ProductForm
            categories={categories}
            product={product}
            note={created ? `${product.name} is created.` : undefined}
          />
        </section>
        <Panel id="archive" title={product.archived ? "Restore" : "Archive"}>
          <ArchiveForm id={product.id} name={product.name} archived={product.archived} />
        </Panel>
      </div>
    </>
  );
}

import { sql } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  archiveProductAction,
  createCategoryAction,
  createProductAction,
  editProductAction,
} from "@/app/admin/products/form-actions";
import { productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { RedirectError } from "@/test/next-navigation";
import { newBrowser } from "@/test/request";
import { hashPassword } from "../auth/password";
import { addToCart, getCart } from "../cart";
import { getProductBySlug, searchCatalog } from "../catalog";
import { getDb } from "../database";
import { getEditableProduct } from "./product-edit";
import { slugify } from "./product-form";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;

beforeAll(() => getDb(), 180_000);
const STAFF = `Basic ${Buffer.from("staff:staff-password-for-tests").toString("base64")}`;
beforeEach(() => {
  newBrowser().headers.set("authorization", STAFF);
});

function form(fields: Record<string, string>, image?: File): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  if (image) data.append("image", image);
  return data;
}

const png = () =>
  sharp({ create: { width: 300, height: 200, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();

async function categoryId(slug: string): Promise<string> {
  const db = await getDb();
  const result = await db.execute<{ id: number }>(sql`select id from categories where slug = ${slug}`);
  return String(result.rows[0]!.id);
}

async function audit(action: string) {
  const db = await getDb();
  const result = await db.execute<{ actor: string; entity_id: string; before: unknown; after: unknown }>(
    sql`select actor, entity_id, before, after from audit_log where action = ${action} order by id`,
  );
  return result.rows;
}

/** Runs the create action and returns the new product's id from where it sends staff. */
async function create(fields: Record<string, string>, image?: File): Promise<number> {
  const redirect = await createProductAction(null, form(fields, image)).catch((e: unknown) => e);
  expect(redirect, JSON.stringify(redirect)).toBeInstanceOf(RedirectError);
  return Number((redirect as RedirectError).location.match(/\/admin\/products\/(\d+)\?created=1$/)![1]);
}

const lantern = async () => ({
  name: "Storm Lantern",
  slug: "",
  description: "A paraffin lantern that stays lit in a gale.",
  price: "34.50",
  stock: "6",
  categoryId: await categoryId("outdoors"),
  active: "on",
});

describe("create a product", () => {
  it("makes it from the form with a picture, shows it in the shop at once, and audits it", async () => {
    // A PNG named .jpg: the type comes from the bytes, not the name.
    const image = new File([await png()], "lantern.jpg", { type: "image/jpeg" });
    const id = await create(await lantern(), image);
    const product = await getProductBySlug("storm-lantern");
    expect(product).toMatchObject({ id, name: "Storm Lantern", priceCents: 3450, stock: 6 });
    expect(product?.image).toMatch(/^\/images\/[0-9a-f]{32}$/);
    const found = await searchCatalog({ q: "lantern" });
    expect(found.products.map((p) => p.slug)).toEqual(["storm-lantern"]);
    const [record] = await audit("product.create");
    expect(record).toMatchObject({
      actor: "staff",
      entity_id: String(id),
      before: null,
      after: { name: "Storm Lantern", slug: "storm-lantern", priceCents: 3450, category: "outdoors" },
    });
    // Stored normalised: WebP, its real size, no bigger than it came.
    const db = await getDb();
    const stored = await db.execute<{ width: number; height: number; bytes: Uint8Array }>(
      sql`select i.width, i.height, i.bytes from product_images i join products p on p.image_id = i.id where p.id = ${id}`,
    );
    expect(stored.rows[0]).toMatchObject({ width: 300, height: 200 });
    expect((await sharp(stored.rows[0]!.bytes).metadata()).format).toBe("webp");
  });

  it("reports every invalid field at once, keeps what was typed and creates nothing", async () => {
    const fields = { name: "", slug: "Bad Slug!", description: "x", price: "0", stock: "-1", categoryId: "" };
    const state = await createProductAction(null, form(fields));
    expect(state?.ok).toBe(false);
    if (state?.ok !== false) return;
    expect(Object.keys(state.errors).sort()).toEqual(["categoryId", "name", "price", "slug", "stock"]);
    expect(state.errors.price).toBe("The price must be more than zero.");
    expect(state.message).toBe("Check the 5 fields marked below.");
    expect(state.values).toMatchObject({ slug: "Bad Slug!", description: "x" });
    expect((await searchCatalog({ q: "Bad Slug" })).total).toBe(0);
  });

  it("refuses a slug that is taken, naming the field", async () => {
    const state = await createProductAction(null, form({ ...(await lantern()), slug: "camp-mug" }));
    expect(state).toMatchObject({ ok: false, errors: { slug: expect.stringContaining("camp-mug") } });
  });

  it("checks the picture from its bytes: a text file named .png and a 6 MB file are refused", async () => {
    const text = new File(["just some words, not a picture"], "photo.png", { type: "image/png" });
    const refused = await createProductAction(null, form(await lantern(), text));
    expect(refused).toMatchObject({
      ok: false,
      errors: { image: "The image must be a JPEG, PNG or WebP file." },
    });
    const big = new Uint8Array(6 * 1024 * 1024);
    big.set(await png()); // a real PNG signature, then padding: refused on size before any decoding
    const tooBig = await createProductAction(null, form(await lantern(), new File([big], "huge.png")));
    expect(tooBig).toMatchObject({ ok: false, errors: { image: "The image is 6.0 MB; the limit is 5 MB." } });
    const truncated = new File([(await png()).subarray(0, 40)], "cut.png");
    expect(await createProductAction(null, form(await lantern(), truncated))).toMatchObject({
      ok: false,
      errors: { image: expect.stringContaining("could not be read") },
    });
    expect(await audit("product.create")).toHaveLength(1); // the lantern of the first test only
  });

  it("refuses staff who are not signed in", async () => {
    newBrowser();
    const refused = await createProductAction(null, form({ ...(await lantern()), slug: "lantern-2" }));
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/sign|credential|auth/i) });
    expect(await getProductBySlug("lantern-2")).toBeNull();
  });
});

describe("edit and archive", () => {
  it("changes every field and audits only what changed", async () => {
    const id = await productIdBySlug("felt-desk-mat");
    const state = await editProductAction(
      null,
      form({
        id: String(id),
        name: "Wool Felt Desk Mat",
        slug: "wool-felt-desk-mat",
        description: "A longer description.\nWith a second line.",
        price: "29.00",
        stock: "44",
        categoryId: await categoryId("kitchen"),
        active: "on",
      }),
    );
    expect(state).toMatchObject({ ok: true, message: expect.stringContaining("name, slug, description") });
    expect(await getEditableProduct(id)).toMatchObject({
      name: "Wool Felt Desk Mat",
      slug: "wool-felt-desk-mat",
      price: 2900,
      stock: 44,
    });
    expect((await getProductBySlug("wool-felt-desk-mat"))?.category.slug).toBe("kitchen");
    const [record] = await audit("product.update");
    expect(record?.before).toMatchObject({ name: "Felt Desk Mat", category: "desk", priceCents: 3100 });
    expect(record?.after).toMatchObject({
      name: "Wool Felt Desk Mat",
      category: "kitchen",
      priceCents: 2900,
    });
    expect(record?.after).not.toHaveProperty("active");
  });

  it("archives: gone from the shop, still in a cart (checkout refuses it), restored off sale", async () => {
    const id = await productIdBySlug("headlamp");
    const { userId } = await registeredBrowser();
    await addToCart({ userId }, id, 2);
    newBrowser().headers.set("authorization", STAFF);

    const archived = await archiveProductAction(null, form({ id: String(id), archived: "true" }));
    expect(archived).toMatchObject({ ok: true, message: expect.stringContaining("archived") });
    expect(await getProductBySlug("headlamp")).toBeNull();
    expect((await searchCatalog({ q: "headlamp" })).total).toBe(0);
    const cart = await getCart({ userId });
    expect(cart.lines).toEqual([
      expect.objectContaining({ slug: "headlamp", quantity: 2, available: false }),
    ]);
    await expect(addToCart({ userId }, id, 1)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Putting an archived product on sale is refused; so is the database's own rule.
    const onSale = await editProductAction(
      null,
      form({
        id: String(id),
        name: "Headlamp",
        slug: "headlamp",
        description: "x",
        price: "36.00",
        stock: "55",
        categoryId: await categoryId("outdoors"),
        active: "on",
      }),
    );
    expect(onSale).toMatchObject({ ok: false, errors: { active: expect.stringContaining("restore") } });
    const db = await getDb();
    await expect(db.execute(sql`update products set active = true where id = ${id}`)).rejects.toThrow();

    const restored = await archiveProductAction(null, form({ id: String(id), archived: "false" }));
    expect(restored).toMatchObject({ ok: true });
    expect(await getEditableProduct(id)).toMatchObject({ archived: false, active: false });
    expect((await audit("product.archive")).length).toBe(1);
    expect((await audit("product.restore")).length).toBe(1);
  });
});

describe("categories", () => {
  it("creates one (slug from the name), refuses a duplicate, and audits it", async () => {
    expect(slugify("Bath & Body’s Best")).toBe("bath-bodys-best");
    const made = await createCategoryAction(null, form({ name: "Bath & Body" }));
    expect(made).toMatchObject({ ok: true, message: "Category “Bath & Body” created." });
    const again = await createCategoryAction(null, form({ name: "bath & body" }));
    expect(again).toMatchObject({ ok: false, errors: { name: expect.stringContaining("already") } });
    const [record] = await audit("category.create");
    expect(record).toMatchObject({ actor: "staff", after: { name: "Bath & Body", slug: "bath-body" } });
  });
});

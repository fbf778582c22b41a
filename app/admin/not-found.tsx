import Link from "next/link";

export default function AdminNotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="admin-lede">There is nothing here: the order or page may not exist.</p>
      <Link href="/admin/orders">Back to orders</Link>
    </>
  );
}

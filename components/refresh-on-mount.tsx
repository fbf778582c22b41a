"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the layout once after a page changed what it shows (the header's unread count). */
export function RefreshOnMount() {
  const router = useRouter();
  useEffect(() => {
    router.refresh();
  }, [router]);
  return null;
}

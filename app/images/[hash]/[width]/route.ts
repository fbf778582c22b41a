import { serveImage } from "@/lib/images/serve";

export async function GET(
  request: Request,
  { params }: { params: Promise<{ hash: string; width: string }> },
) {
  const { hash, width } = await params;
  return serveImage(request, hash, width);
}

import { serveImage } from "@/lib/images/serve";

export async function GET(request: Request, { params }: { params: Promise<{ hash: string }> }) {
  return serveImage(request, (await params).hash);
}

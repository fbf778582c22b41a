import { z } from "zod";
import { login } from "@/lib/auth";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { emailSchema, passwordSchema } from "@/lib/validation";

const schema = z.object({ email: emailSchema, password: passwordSchema }).strict();

/** `capped` lists cart lines whose merged quantity had to be reduced to what can be sold. */
export const POST = apiRoute(async (request) => {
  const input = await readJson(request, schema);
  const { userId, capped } = await login(input);
  return json({ user: { id: userId, email: input.email }, capped });
});

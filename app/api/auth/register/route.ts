import { z } from "zod";
import { register } from "@/lib/auth";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { emailSchema, newPasswordSchema } from "@/lib/validation";

const schema = z.object({ email: emailSchema, password: newPasswordSchema }).strict();

/** Creates the account and logs it in (session cookie); an anonymous cart moves into it. */
export const POST = apiRoute(async (request) => {
  const input = await readJson(request, schema);
  const { userId, capped } = await register(input);
  return json({ user: { id: userId, email: input.email }, capped }, 201);
});

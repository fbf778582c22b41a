export class RedirectError extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

export function redirect(location: string): never {
  throw new RedirectError(location);
}

export function notFound(): never {
  throw new Error("notFound");
}

/** next/cache in unit tests: server actions call these after a write; outside Next they do nothing. */
export function refresh(): void {}
export function revalidatePath(_path: string, _type?: string): void {}
export function revalidateTag(_tag: string): void {}

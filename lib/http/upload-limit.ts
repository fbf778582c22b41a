/**
 * The largest request body the admin product forms may send (bytes): the 5 MB image cap plus room,
 * so that a 6 MB file still reaches the form's action and gets a clear message rather than a bare 413.
 * No imports: next.config.ts reads it (serverActions.bodySizeLimit) and so does proxy.ts.
 */
export const MAX_UPLOAD_BODY = 8 * 1024 * 1024;

/** Paths whose server actions take an image upload. */
export const UPLOAD_PATHS = /^\/admin\/products(\/|$)/;

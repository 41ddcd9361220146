/**
 * How large a file imported from the app may be, and the chunks it is sent in:
 * declared once for the contract (api.ts), the core's uploads and the renderer,
 * in a module without zod (which the renderer must not bundle).
 */

/** The largest file the app imports: a year of a daily bound in one PDF. */
export const MAX_UPLOAD_BYTES = 4 * 1024 * 1024 * 1024;
/** The largest chunk of an upload: 4 MiB (5.6 MB in base64, inside the HTTP server's bound). */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;

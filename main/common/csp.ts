/**
 * The renderer's content security policy, sent by both shells and repeated in
 * index.html. pdf.js needs a worker and WebAssembly (for scanned JPX/JBIG2 pages)
 * from its own origin, and blob: images for thumbnails; nothing else is allowed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

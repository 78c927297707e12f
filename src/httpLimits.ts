// What one HTTP request may cost the server, written once: app.ts applies these, the OpenAPI
// document and the error messages quote them.

/** JSON request bodies above this are refused with 413 before they are parsed. */
export const JSON_BODY_LIMIT_KB = 100;
/** Time a client has to send its request headers, then its whole request. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** How long an idle keep-alive connection stays open. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

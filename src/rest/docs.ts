import express, { Router, type Request } from 'express';
import { getAbsoluteFSPath } from 'swagger-ui-dist';
import { openApiDocument } from './openapi';

// Swagger UI is served from its npm package by this server: no CDN, and no inline script, so
// the page runs under a strict Content-Security-Policy.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // Swagger UI sets style attributes
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** URLs are built from where the router is mounted (`/api`), so the page works with or without a trailing slash. */
function docsPage(req: Request): string {
  const assets = escapeHtml(`${req.baseUrl}/docs/assets`);
  const initializer = escapeHtml(`${req.baseUrl}/docs/init.js`);
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>${escapeHtml(openApiDocument.info.title)}</title>
    <link rel="stylesheet" type="text/css" href="${assets}/swagger-ui.css">
    <link rel="icon" type="image/png" href="${assets}/favicon-32x32.png" sizes="32x32">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${assets}/swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="${initializer}" charset="UTF-8"></script>
  </body>
</html>
`;
}

function initializerScript(req: Request): string {
  const options = {
    url: `${req.baseUrl}/openapi.json`,
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null, // the default would send the document to an online validator
  };
  return `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle(Object.assign(${JSON.stringify(options)}, { presets: [SwaggerUIBundle.presets.apis] }));
});
`;
}

/** `GET /openapi.json` (the REST contract) and `GET /docs` (the same, browsable). */
export function docsRoutes(): Router {
  const router = Router();

  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });

  router.get('/docs', (req, res) => {
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY).type('html').send(docsPage(req));
  });

  router.get('/docs/init.js', (req, res) => {
    res.type('text/javascript').send(initializerScript(req));
  });

  router.use('/docs/assets', express.static(getAbsoluteFSPath(), { index: false, maxAge: '1d' }));

  return router;
}

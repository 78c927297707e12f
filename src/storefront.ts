import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Request, type RequestHandler, type Response } from 'express';
import helmet from 'helmet';

/**
 * The storefront (web/, built by `npm run build:web` into web/dist) is served at `/` by the same
 * app as the API. Vite names every built asset by its content hash, so assets may be cached
 * for a year; index.html names the current assets and must be revalidated on every visit.
 */
const ASSET_CACHE = 'public, max-age=31536000, immutable';
const PAGE_CACHE = 'no-cache';

/** Paths the storefront never answers: they belong to the API. */
const API_PREFIXES = ['/api', '/graphql'];

/** The package root holds package.json; from src/ and from dist/src/ alike. */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

/** Where `npm run build:web` puts the storefront. */
export function storefrontDir(): string {
  return path.join(packageRoot(), 'web', 'dist');
}

/**
 * The storefront's own policy: its scripts, styles, images and fonts come from this origin
 * only, it talks to this origin only (GraphQL), and nothing inline runs.
 */
export const storefrontSecurityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'manifest-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
});

/** Case-insensitive, as Express routes: `/API/products` reaches the API and gets its headers. */
function isApiPath(urlPath: string): boolean {
  const lower = urlPath.toLowerCase();
  return API_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/** True for the paths the storefront serves (everything but the API's). */
export function isStorefrontPath(urlPath: string): boolean {
  return !isApiPath(urlPath);
}

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Shopgraph</title>
<p>The storefront is not built. Run <code>npm run build:web</code> (or <code>npm run dev:web</code> while
developing), then reload. The API is at <a href="/graphql">/graphql</a> and <a href="/api/docs">/api/docs</a>.</p></html>`;

/**
 * Static assets from `dir`, and index.html for every other GET that asks for a page, so the
 * client-side routes (/products/7, /orders …) survive a reload. A missing asset stays a 404.
 */
export function storefront(dir: string = storefrontDir()): RequestHandler {
  const indexFile = path.join(dir, 'index.html');
  const assets = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders(res, filePath) {
      const relative = path.relative(dir, filePath).split(path.sep).join('/');
      res.setHeader('Cache-Control', relative.startsWith('assets/') ? ASSET_CACHE : PAGE_CACHE);
    },
  });
  const page = (req: Request, res: Response) => {
    res.setHeader('Cache-Control', PAGE_CACHE);
    if (!existsSync(indexFile)) {
      res.status(503).type('html').send(NOT_BUILT_PAGE);
      return;
    }
    res.sendFile(indexFile);
  };
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (req.path === '/' || req.path === '/index.html') return page(req, res);
    assets(req, res, () => {
      // Unknown files (with an extension, or under /assets/) are 404s, not the page.
      if (req.path.startsWith('/assets/') || path.extname(req.path) !== '') return next();
      if (!req.accepts('html')) return next();
      page(req, res);
    });
  };
}

import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The Sandbox on GET /graphql is Apollo's embed script, loaded from Apollo's CDN into a page on the
 * storefront's origin. Apollo's default is the floating `v2` build; this pins one build (a commit of
 * apollographql/embeddable-explorer, as published under its own path on the CDN). Apollo publishes no
 * integrity hash for it, and the CDN is out of this machine's reach, so the pin is enforced by the
 * page's Content-Security-Policy (only this exact URL may run) rather than by SRI. This commit was
 * taken from a public project that loads the embed at this path; it could not be fetched from here.
 * To move to another build: put its commit here, open /graphql, and check the Sandbox loads.
 */
export const SANDBOX_EMBED_VERSION = '02e2da0fccbe0240ef03d2396d6c98559bab5b06';

/** The one external script the Sandbox page may run (Apollo appends `?runtime=…`, which CSP ignores). */
export const SANDBOX_EMBED_SCRIPT = `https://embeddable-sandbox.cdn.apollographql.com/${SANDBOX_EMBED_VERSION}/embeddable-sandbox.umd.production.min.js`;

/** Apollo's landing page, in every environment, with the pinned embed. */
export function sandboxLandingPage(): ApolloServerPlugin<BaseContext> {
  return ApolloServerPluginLandingPageLocalDefault({ footer: false, version: SANDBOX_EMBED_VERSION });
}

/** The page exactly as the started server serves it (rendered before any context is made). */
async function renderSandboxPage<T extends BaseContext>(apollo: ApolloServer<T>): Promise<string> {
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'GET', headers: new HeaderMap([['accept', 'text/html']]), search: '', body: undefined },
    context: () => Promise.reject(new Error('the Sandbox page needs no context')),
  });
  if (response.body.kind !== 'complete' || !/^\s*<!DOCTYPE html>/i.test(response.body.string)) {
    throw new Error('the GraphQL server did not render its Sandbox page');
  }
  return response.body.string;
}

/** CSP source expressions for the page's inline scripts: their SHA-256, which changes only with Apollo's template. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi)].map(
    ([, body]) => `'sha256-${createHash('sha256').update(body ?? '', 'utf8').digest('base64')}'`,
  );
}

/**
 * The Sandbox page's policy, on top of the one Apollo writes into the page (a per-request nonce,
 * which also lets any script from Apollo's three CDN hosts and this origin run). Both apply; this one
 * lets run only the pinned embed and the page's own inline script (by hash), so neither another
 * build of the embed, nor a script it injects, nor one of the storefront's own files runs there.
 */
export async function sandboxSecurityHeaders<T extends BaseContext>(apollo: ApolloServer<T>): Promise<RequestHandler> {
  const hashes = inlineScriptHashes(await renderSandboxPage(apollo));
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        // Styles, fonts, images and the Sandbox's frame stay as Apollo's page policy allows them:
        // narrowing those could break the Sandbox in ways this machine (no CDN) cannot see.
        'default-src': helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
        'script-src': [SANDBOX_EMBED_SCRIPT, ...hashes],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'frame-ancestors': ["'none'"],
      },
    },
  });
}

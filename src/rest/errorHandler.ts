import type { Logger } from 'pino';
import type { AppError } from '../errors';
import { errorResponder } from '../httpErrors';

/** REST's shape of an error: `{"detail","code", …facts in snake_case}`. */
export function restErrorBody({ message, code, details }: AppError): Record<string, unknown> {
  return { detail: message, code, ...snakeCaseKeys(details) };
}

/** The last middleware of /api (and of any path no transport owns): every error leaves as REST's JSON. */
export function errorHandler(logger: Logger) {
  return errorResponder(logger, restErrorBody);
}

/**
 * `{ productId: 3, field: 'productId' }` → `{ product_id: 3, field: 'product_id' }`: REST clients
 * get the legacy snake_case, in the facts' names and in the field names they point at.
 */
function snakeCaseKeys(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      snakeCase(key),
      key === 'field' && typeof value === 'string' ? snakeCase(value) : value,
    ]),
  );
}

function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);
}

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  openApiDocument,
  type HttpMethod,
  type Operation,
  type PathItem,
  type Reference,
  type Response,
} from '../../src/rest/openapi';

// Every REST response the tests see is checked against the OpenAPI document, so the
// document and the code cannot drift apart unnoticed.

const DOCUMENT_ID = 'https://shopgraph.invalid/openapi.json';
const METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];
/** What the router answers for any path or method the document does not list (see info.description). */
const UNKNOWN_ENDPOINT = { detail: 'Endpoint not found', code: 'NOT_FOUND' };

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The whole document is one schema resource, so `#/components/...` refs resolve inside it.
ajv.addSchema({ ...openApiDocument, $id: DOCUMENT_ID });

const bodyValidators = new Map<string, ValidateFunction>();
const headerValidators = new WeakMap<object, ValidateFunction>();

/** `#/a/b~1c` → ['a', 'b/c'] */
function segmentsOf(ref: string): string[] {
  if (!ref.startsWith('#/')) throw new Error(`Only local refs are supported, not ${ref}`);
  return ref
    .slice(2)
    .split('/')
    .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** A local `$ref` (`#/components/schemas/Product`) → what it names in the document, or undefined. */
export function resolvePointer(ref: string): unknown {
  let node: unknown = openApiDocument;
  for (const key of segmentsOf(ref)) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function pointerTo(segments: string[]): string {
  return `#/${segments.map((segment) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/')}`;
}

function isReference(value: unknown): value is Reference {
  return typeof value === 'object' && value !== null && typeof (value as Reference).$ref === 'string';
}

function findPathItem(pathname: string): { template: string; item: PathItem } | undefined {
  const exact = openApiDocument.paths[pathname];
  if (exact) return { template: pathname, item: exact };
  for (const [template, item] of Object.entries(openApiDocument.paths)) {
    if (!template.includes('{')) continue;
    const pattern = template
      .split(/\{[^}]+\}/)
      .map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    if (new RegExp(`^${pattern}$`).test(pathname)) return { template, item };
  }
  return undefined;
}

function mediaTypeMatches(documented: string, actual: string): boolean {
  if (documented === '*/*' || documented === actual) return true;
  return documented.endsWith('/*') && actual.startsWith(documented.slice(0, -1));
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

function isEmptyBody(body: unknown): boolean {
  if (body === undefined || body === null || body === '') return true;
  return typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0;
}

function show(body: unknown): string {
  const text = JSON.stringify(body) ?? String(body);
  return text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

function bodyValidator(pointer: string): ValidateFunction {
  let validate = bodyValidators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
    bodyValidators.set(pointer, validate);
  }
  return validate;
}

function headerValidator(schema: object): ValidateFunction {
  let validate = headerValidators.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    headerValidators.set(schema, validate);
  }
  return validate;
}

/**
 * Fails unless `status` is documented for `method path` and the response (its content type,
 * documented headers and JSON body) matches the document. A path or method the document does
 * not list must answer the router's generic 404.
 */
export function assertMatchesOpenApi(
  method: string,
  path: string,
  status: number,
  headers: Record<string, unknown>,
  body: unknown,
): void {
  const verb = method.toLowerCase() as HttpMethod;
  const pathname = path.split(/[?#]/)[0] ?? path;
  const label = `${method.toUpperCase()} ${path} → ${status}`;
  const found = findPathItem(pathname);
  const operation: Operation | undefined = METHODS.includes(verb) ? found?.item[verb] : undefined;

  if (!found || !operation) {
    const what = found ? `the method ${method.toUpperCase()} on ${found.template}` : `the path ${pathname}`;
    if (status === 404 && JSON.stringify(body) === JSON.stringify(UNKNOWN_ENDPOINT)) return;
    throw new Error(`OpenAPI: ${label}: ${what} is not documented in src/rest/contract/; body: ${show(body)}`);
  }

  const operationPointer = ['paths', found.template, verb];
  let response: Response | Reference | undefined = operation.responses?.[String(status)];
  let responsePointer = [...operationPointer, 'responses', String(status)];
  if (!response) {
    const documented = Object.keys(operation.responses ?? {}).join(', ');
    throw new Error(
      `OpenAPI: ${label}: status ${status} is not documented for ${verb.toUpperCase()} ${found.template} ` +
        `(documented: ${documented}); body: ${show(body)}`,
    );
  }
  if (isReference(response)) {
    responsePointer = segmentsOf(response.$ref);
    response = resolvePointer(response.$ref) as Response | undefined;
    if (!response) throw new Error(`OpenAPI: ${label}: the response's $ref does not resolve`);
  }

  const contentType = typeof headers['content-type'] === 'string' ? headers['content-type'] : undefined;
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  const content = response.content ?? {};
  if (Object.keys(content).length === 0) {
    const length = headers['content-length'];
    if (mediaType !== undefined || !isEmptyBody(body) || (length !== undefined && length !== '0')) {
      throw new Error(`OpenAPI: ${label}: the documented response has no body, got ${contentType} ${show(body)}`);
    }
  } else {
    const documented = Object.keys(content).find((candidate) => mediaType && mediaTypeMatches(candidate, mediaType));
    if (documented === undefined) {
      throw new Error(
        `OpenAPI: ${label}: content type ${contentType} is not one documented (${Object.keys(content).join(', ')})`,
      );
    }
    if (content[documented]?.schema && isJsonMediaType(mediaType!)) {
      const pointer = pointerTo([...responsePointer, 'content', documented, 'schema']);
      const validate = bodyValidator(pointer);
      if (!validate(body)) {
        throw new Error(
          `OpenAPI: ${label}: the body does not match ${pointer}: ` +
            `${ajv.errorsText(validate.errors, { dataVar: 'body', separator: '; ' })}; body: ${show(body)}`,
        );
      }
    }
  }

  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (isReference(header)) throw new Error(`OpenAPI: ${label}: header ${name} is a $ref, which this check does not follow`);
    const value = headers[name.toLowerCase()];
    if (value === undefined) {
      if (header.required) throw new Error(`OpenAPI: ${label}: the required header ${name} is missing`);
      continue;
    }
    const validate = headerValidator(header.schema ?? {});
    if (!validate(value)) {
      const problem = ajv.errorsText(validate.errors, { dataVar: name });
      throw new Error(`OpenAPI: ${label}: header ${name}: ${show(value)}: ${problem}`);
    }
  }
}

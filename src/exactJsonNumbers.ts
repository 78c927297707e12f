/**
 * JSON.parse turns `19.999999999999999` into 20 and `1e2` into 100 before any field sees them, so
 * a rule such as "at most two decimals" cannot be checked on the parsed value. Request bodies are
 * therefore read once as text first: every number must be written plainly (no exponent) and be
 * exactly the number the server will see. Anything else is refused, whatever the field.
 */

// A JSON string (skipped whole, so digits inside strings are never taken for numbers) or a number.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const NUMBER = /^-?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** "19.990" → "1999e-2", "1e+21" → "1e21": equal keys are equal decimal values. */
function decimalKey(text: string): string | null {
  const match = NUMBER.exec(text);
  if (!match) return null; // Infinity, NaN
  const [, whole = '', fraction = '', exponent = '0'] = match;
  const digits = `${whole}${fraction}`.replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  const sign = text.startsWith('-') ? '-' : '';
  return `${sign}${significant}e${Number(exponent) - fraction.length + digits.length - significant.length}`;
}

/** Why a number written this way cannot be taken as it is, or null when it can. */
export function inexactNumberProblem(text: string): string | null {
  // Up to 15 digits (DBL_DIG), a plain decimal always reads back as written: the common case, unparsed.
  if (text.length <= 15 && !text.includes('e') && !text.includes('E')) return null;
  if (/e/i.test(text)) return `The number ${text} is written with an exponent; write it out, e.g. 100 for 1e2`;
  const readBack = String(Number(text));
  // What JSON.stringify writes reads back identically; only other spellings need comparing.
  if (readBack !== text && decimalKey(text) !== decimalKey(readBack)) {
    return `The number ${text} has more digits than a JSON number keeps (it would be read as ${Number(text)})`;
  }
  return null;
}

/** The first number in a JSON text that cannot be taken as written, or null. */
export function findInexactNumber(json: string): string | null {
  for (const [token] of json.matchAll(TOKEN)) {
    if (token.startsWith('"')) continue;
    const problem = inexactNumberProblem(token);
    if (problem) return problem;
  }
  return null;
}

function refusal(problem: string): Error {
  return Object.assign(new Error(problem), { status: 400, type: 'entity.number.inexact' });
}

/** body-parser's `verify` hook: a 400 before parsing, like malformed JSON (see rest/errorHandler.ts). */
export function refuseInexactNumbers(_req: unknown, _res: unknown, body: Buffer, encoding: string | null): void {
  const problem = findInexactNumber(body.toString((encoding ?? 'utf8') as BufferEncoding));
  if (problem) throw refusal(problem);
}

/** The same for GraphQL over GET, whose variables come as JSON in the query string. */
export function refuseInexactQueryVariables(
  req: { query: Record<string, unknown> },
  _res: unknown,
  next: (error?: unknown) => void,
): void {
  const { variables } = req.query;
  const problem = typeof variables === 'string' ? findInexactNumber(variables) : null;
  next(problem ? refusal(problem) : undefined);
}

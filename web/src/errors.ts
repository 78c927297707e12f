// The API's errors carry a code in extensions.code (and details such as `field` or
// `available`); the pages decide what to show by the code, never by the message.
import type { CombinedError } from 'urql';

export interface CodedError {
  code: string;
  message: string;
  extensions: Record<string, unknown>;
}

export function codedError(error: CombinedError | undefined): CodedError | null {
  if (!error) return null;
  const [first] = error.graphQLErrors;
  if (first) {
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    return { code: typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN', message: first.message, extensions };
  }
  return { code: 'NETWORK', message: 'Could not reach the shop. Check your connection and try again.', extensions: {} };
}

/** A sentence for a person, for the codes every page can meet. */
export function describeError(error: CodedError): string {
  switch (error.code) {
    case 'NETWORK':
      return error.message;
    case 'UNAUTHENTICATED':
      return 'Please sign in again.';
    case 'FORBIDDEN':
      return 'Only admins can do that.';
    case 'NOT_FOUND':
      return 'That no longer exists.';
    case 'SERVICE_UNAVAILABLE':
    case 'INTERNAL_SERVER_ERROR':
      return 'Something went wrong on our side. Please try again in a moment.';
    default:
      return error.message;
  }
}

export function fieldOf(error: CodedError | null): string | null {
  return error?.code === 'BAD_USER_INPUT' && typeof error.extensions.field === 'string' ? error.extensions.field : null;
}

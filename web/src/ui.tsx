// Small pieces the pages share.
import type { ReactNode } from 'react';
import { describeError, type CodedError } from './errors';
import { Link } from './router';
import { useSession } from './state';

export function ErrorNote({ error, children }: { error: CodedError | null; children?: ReactNode }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {children ?? describeError(error)}
    </p>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status.toLowerCase()}`}>{status.charAt(0) + status.slice(1).toLowerCase()}</span>;
}

/** Pages for signed-in users (or admins) say so instead of failing. */
export function RequireSignIn({ admin = false, returnTo, children }: { admin?: boolean; returnTo: string; children: ReactNode }) {
  const { session } = useSession();
  if (!session) {
    return (
      <section>
        <h1>Please sign in</h1>
        <p>
          <Link to={`/signin?next=${encodeURIComponent(returnTo)}`}>Sign in</Link> or{' '}
          <Link to={`/register?next=${encodeURIComponent(returnTo)}`}>create an account</Link> to continue.
        </p>
      </section>
    );
  }
  if (admin && session.user.role !== 'ADMIN') {
    return (
      <section>
        <h1>Admins only</h1>
        <p>This page is for the shop&apos;s admins.</p>
      </section>
    );
  }
  return <>{children}</>;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

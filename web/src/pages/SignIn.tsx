import { useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { RegisterMutation, SignInMutation } from '../documents';
import { codedError, describeError, fieldOf, type CodedError } from '../errors';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../state';

function signInMessage(error: CodedError, mode: 'signin' | 'register'): string {
  switch (error.code) {
    case 'UNAUTHENTICATED':
      return 'Wrong email or password.';
    case 'CONFLICT':
      return 'An account with this email already exists. Sign in instead?';
    case 'RATE_LIMITED': {
      const seconds = Number(error.extensions.retryAfterSeconds ?? 60);
      const minutes = Math.max(1, Math.ceil(seconds / 60));
      const what = mode === 'register' ? 'sign-ups from your network' : 'failed attempts';
      return `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    }
    case 'BAD_USER_INPUT':
      return mode === 'register' && fieldOf(error) === 'password' ? 'Passwords need 8 to 72 characters.' : error.message;
    default:
      return describeError(error);
  }
}

/** Only paths of this site, so a crafted link cannot send a user elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInPage({ mode }: { mode: 'signin' | 'register' }) {
  const { query } = useLocation();
  const next = safeNext(query.get('next'));
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<CodedError | null>(null);
  const [loginState, login] = useMutation(SignInMutation);
  const [registerState, register] = useMutation(RegisterMutation);
  const busy = loginState.fetching || registerState.fetching;
  const register_ = mode === 'register';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const result = register_ ? await register({ input: { email, password } }) : await login({ email, password });
    const payload = result.data && ('register' in result.data ? result.data.register : result.data.login);
    if (!payload) {
      setError(codedError(result.error));
      return;
    }
    signIn(payload);
    navigate(next, { replace: true });
  };

  const field = fieldOf(error);
  const message = error && signInMessage(error, mode);
  const other = register_ ? '/signin' : '/register';
  return (
    <section className="narrow">
      <h1>{register_ ? 'Create an account' : 'Sign in'}</h1>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={field === 'email' || error?.code === 'CONFLICT' || undefined}
            aria-describedby={message ? 'signin-error' : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            type="password"
            autoComplete={register_ ? 'new-password' : 'current-password'}
            required
            minLength={register_ ? 8 : undefined}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={field === 'password' || error?.code === 'UNAUTHENTICATED' || undefined}
            aria-describedby={register_ ? 'password-hint' : message ? 'signin-error' : undefined}
          />
          {register_ && (
            <p id="password-hint" className="hint">
              8 to 72 characters.
            </p>
          )}
        </div>
        {message && (
          <p id="signin-error" className="error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Please wait…' : register_ ? 'Create account' : 'Sign in'}
        </button>
      </form>
      <p>
        {register_ ? 'Already have an account? ' : 'New here? '}
        <Link to={next === '/' ? other : `${other}?next=${encodeURIComponent(next)}`}>
          {register_ ? 'Sign in' : 'Create an account'}
        </Link>
      </p>
    </section>
  );
}

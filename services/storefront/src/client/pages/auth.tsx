import { api, type User } from '../lib/api';
import { navigate, type Location } from '../lib/router';
import { signIn } from '../lib/session';
import { Field, fieldErrors, FormProblem, useSubmit } from '../components/form';

interface AuthResult {
  readonly token: string;
  readonly user: User;
}

/** Where to go after signing in: `?next=` when it is a path of this shop, else the catalog. */
const nextPath = (location: Location) => {
  const next = location.query.get('next') ?? '/';
  return next.startsWith('/') && !next.startsWith('//') ? next : '/';
};

/** Posts the form to `path`, signs in with the answer and goes on to `?next=`. */
function useAuthForm(path: string, location: Location) {
  const submit = useSubmit(async (fields) => {
    signIn(await api<AuthResult>(path, { method: 'POST', body: fields }));
    navigate(nextPath(location), { replace: true });
  });
  return { ...submit, errors: fieldErrors(submit.error) };
}

export function LoginPage({ location }: { location: Location }) {
  const { onSubmit, error, errors, busy } = useAuthForm('/api/auth/login', location);
  return (
    <section class="narrow auth">
      <h1>Log in</h1>
      <form class="stack" onSubmit={onSubmit}>
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="username"
          error={errors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          error={errors.password}
        />
        <FormProblem error={error} />
        <button type="submit" disabled={busy}>
          Log in
        </button>
      </form>
      <p>
        New here?{' '}
        <a
          href={`/signup${location.query.has('next') ? `?next=${encodeURIComponent(nextPath(location))}` : ''}`}
        >
          Sign up
        </a>
      </p>
    </section>
  );
}

export function SignupPage({ location }: { location: Location }) {
  const { onSubmit, error, errors, busy } = useAuthForm('/api/auth/signup', location);
  return (
    <section class="narrow auth">
      <h1>Sign up</h1>
      <form class="stack" onSubmit={onSubmit}>
        <Field label="Name" name="name" required autoComplete="name" error={errors.name} />
        <Field
          label="Email"
          name="email"
          type="email"
          required
          autoComplete="email"
          error={errors.email}
        />
        <Field
          label="Password"
          name="password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          aria-describedby="password-hint"
          error={errors.password}
        />
        <p id="password-hint" class="hint">
          At least 8 characters.
        </p>
        <FormProblem error={error} />
        <button type="submit" disabled={busy}>
          Sign up
        </button>
      </form>
      <p>
        Have an account? <a href="/login">Log in</a>
      </p>
    </section>
  );
}

import { isAbsolute, resolve } from 'node:path';

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly filename: string; readonly url: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly url: string };

export class DatabaseUrlError extends Error {}

/**
 * Reads a database URL in the forms SQLAlchemy accepts (the course's forms):
 * `sqlite:///relative.db` (resolved against `cwd`), `sqlite:////absolute.db`,
 * `sqlite://:memory:` (or bare `sqlite://`), `postgresql://…` and `postgres://…`
 * (`postgresql:///dbname` included: the server and user come from libpq's
 * `PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, or their defaults).
 */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseConfig {
  if (url.startsWith('sqlite://')) return parseSqliteUrl(url, cwd);
  // A host, or SQLAlchemy's local form `postgresql:///dbname` (server and user from PG* variables).
  if (/^postgres(ql)?:\/\/([^/]|\/[^/])/.test(url)) {
    try {
      new URL(url);
    } catch {
      throw new DatabaseUrlError(`DATABASE_URL is not a valid PostgreSQL URL: ${redact(url)}`);
    }
    return { dialect: 'postgres', connectionString: url, url };
  }
  throw new DatabaseUrlError(
    `unsupported DATABASE_URL ${JSON.stringify(redact(url))}: expected sqlite:///path.db, sqlite:////abs/path.db, sqlite://:memory: or postgresql://user:pass@host:5432/db`,
  );
}

function parseSqliteUrl(url: string, cwd: string): DatabaseConfig {
  const rest = url.slice('sqlite://'.length);
  if (rest === '' || rest === ':memory:' || rest === '/:memory:') {
    return { dialect: 'sqlite', filename: ':memory:', url };
  }
  if (!rest.startsWith('/') || rest === '/') {
    throw new DatabaseUrlError(
      `invalid SQLite URL ${JSON.stringify(url)}: use sqlite:///relative/path.db or sqlite:////absolute/path.db`,
    );
  }
  const path = rest.slice(1);
  const filename = isAbsolute(path) ? path : resolve(cwd, path);
  return { dialect: 'sqlite', filename, url };
}

/** Hides the password of a URL so it can appear in an error message or a log. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}

/**
 * Which failures mean "the database cannot serve right now" (a 503 with
 * Retry-After that ends by itself), as opposed to a bug in a query. Only
 * errors the database layer threw count: a client resetting its own HTTP
 * connection (ECONNRESET, EPIPE) is no database outage.
 */
const fromDatabaseLayer = new WeakSet<object>();

/** Marks an error as thrown by the database or its driver; returns it, to be rethrown. */
export function fromDatabase(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) fromDatabaseLayer.add(error);
  return error;
}

const UNAVAILABLE_CODES = new Set([
  // The network between the app and PostgreSQL.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  // PostgreSQL's own (SQLSTATE).
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000', // connection_exception
  '08001',
  '08003',
  '08006',
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout, a statement stuck on a lock
  '25006', // read_only_sql_transaction: a standby, or a database set read-only
]);

/** Another process's lock, a file turned read-only or gone, a full disk, a failing disk. */
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|READONLY|CANTOPEN|FULL|IOERR)(_|$)/;

const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|not queryable|Query read timeout|The database connection is not open/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error) || !fromDatabaseLayer.has(error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || SQLITE_UNAVAILABLE.test(code)))
    return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

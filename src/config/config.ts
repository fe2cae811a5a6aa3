import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { parseDurationSeconds } from '../shared/duration.js';
import { PROJECT_ROOT } from '../shared/project.js';
import { type DatabaseConfig, DatabaseUrlError, parseDatabaseUrl } from './database-url.js';

export type SessionStoreKind = 'database' | 'cookie';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly database: DatabaseConfig;
  /** The first key signs and encrypts; every key is accepted when reading (rotation). */
  readonly secretKeys: readonly string[];
  readonly sessionStore: SessionStoreKind;
  readonly sessionLifetimeSeconds: number;
  readonly debug: boolean;
  readonly workers: number;
  /**
   * Whose `X-Forwarded-For` / `-Proto` / `-Host` to believe: nobody (`false`),
   * anybody (`true`), or only the proxies at these comma-separated addresses
   * or CIDR ranges (docs/deployment.md), as Fastify's `trustProxy` takes them.
   */
  readonly trustProxy: boolean | string;
  readonly logLevel: LogLevel;
  /** Where `/metrics` is served (Prometheus text); `null` when off, the default (docs/deployment.md). */
  readonly metrics: MetricsListen | null;
  /** Load shedding (src/plugins/overload.ts); `null` turns it off (test apps). */
  readonly overload: OverloadConfig | null;
  /** How long a client may take over its request (docs/decisions/009-overload-admission-queue.md). */
  readonly requestDeadlines: RequestDeadlines;
  /** Sign-in and registration throttling (docs/requirements.md §6). */
  readonly throttle: ThrottleConfig;
  /** `DATA_DIR`: the default SQLite database, uploaded pictures, the development secret key. */
  readonly dataDir: string;
  /** Folder served under /static. */
  readonly staticDir: string;
}

/** The private address of the metrics endpoint, never the public port. */
export interface MetricsListen {
  readonly host: string;
  readonly port: number;
}

/** Past these limits a request gets a fast 503 with Retry-After instead of a long wait. */
export interface OverloadConfig {
  /** Requests running at once; the others wait their turn. */
  readonly maxInFlight: number;
  /** Requests waiting at once; one more is answered 503 at once. */
  readonly maxQueued: number;
  /** The longest a request waits for its turn before a 503. */
  readonly maxWaitMs: number;
  /** Time one event-loop turn may spend starting requests before the next ones wait (the loop accepts one connection per turn). */
  readonly turnBudgetMs: number;
  readonly retryAfterSeconds: number;
}

/** Past these, a client still sending its request gets a 408 and its connection is closed. */
export interface RequestDeadlines {
  /** From a request's first byte to the end of its headers. */
  readonly headersMs: number;
  /** From a request's first byte to the end of its body. */
  readonly requestMs: number;
  /**
   * A connection moving no byte for this long while a request is under way
   * is closed (a client that stopped reading its answer). Longer than
   * `requestMs`, so a request still arriving gets its 408 first.
   */
  readonly idleMs: number;
}

/** A client's request line and headers fit in one packet: a slow one is an attack, not a slow link. */
const HEADERS_DEADLINE_MS = 10_000;

/** The deadlines derived from `REQUEST_TIMEOUT` (seconds). */
export function requestDeadlinesOf(requestSeconds: number): RequestDeadlines {
  const requestMs = requestSeconds * 1_000;
  return Object.freeze({
    headersMs: Math.min(HEADERS_DEADLINE_MS, requestMs),
    requestMs,
    idleMs: 2 * requestMs,
  });
}

export interface ThrottleConfig {
  /** Failed sign-ins per account within the window before 429, even for the right password. */
  readonly signInFailuresPerAccount: number;
  /** Sign-in attempts per client IP within the window. */
  readonly signInAttemptsPerIp: number;
  /** Registrations per client IP within the window. */
  readonly registrationsPerIp: number;
  readonly windowSeconds: number;
}

/** Options given on the command line; they win over every other source. */
export interface ConfigFlags {
  readonly host?: string;
  readonly port?: string;
  readonly database?: string;
  readonly sessionStore?: string;
  readonly debug?: boolean;
  readonly workers?: string;
  readonly metricsPort?: string;
}

export interface ConfigSources {
  readonly flags?: ConfigFlags;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Where a non-fatal configuration concern goes (a short key in development); a process warning by default. */
  readonly warn?: (message: string) => void;
}

/** A configuration mistake: the CLI prints the message as one line and exits with code 2. */
export class ConfigError extends Error {}

const MIN_SECRET_BYTES = 32;
/** The SQLite database in the data folder when DATABASE_URL is unset. */
const DEFAULT_DATABASE_FILE = 'halloween.db';
const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

/**
 * Builds the one validated, frozen configuration (docs/requirements.md §1).
 * Precedence: CLI flag > environment variable > `.env` file (in `cwd`) > default.
 */
export function loadConfig(sources: ConfigSources = {}): Config {
  const cwd = sources.cwd ?? process.cwd();
  const env = { ...readDotEnv(cwd), ...withoutEmpty(sources.env ?? process.env) };
  const flags = sources.flags ?? {};
  const production = env.NODE_ENV === 'production';
  const dataDirSetting = env.DATA_DIR ?? 'data';
  const dataDir = resolve(cwd, dataDirSetting);

  let database: DatabaseConfig;
  try {
    database = parseDatabaseUrl(
      flags.database ??
        env.DATABASE_URL ??
        `sqlite:///${join(dataDirSetting, DEFAULT_DATABASE_FILE)}`,
      cwd,
    );
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new ConfigError(error.message);
    throw error;
  }

  return Object.freeze({
    production,
    host: parseHost(flags.host ?? env.HOST ?? '127.0.0.1'),
    port: parsePort(flags.port ?? env.PORT ?? '5000'),
    database,
    secretKeys: Object.freeze(
      resolveSecretKeys(env.SECRET_KEY, production, dataDir, sources.warn ?? warnProcess),
    ),
    sessionStore: parseSessionStore(flags.sessionStore ?? env.SESSION_STORE ?? 'database'),
    sessionLifetimeSeconds: parseLifetime(env.SESSION_LIFETIME ?? '7d'),
    debug: parseDebug(flags.debug, env.DEBUG, production),
    workers: parseWorkers(flags.workers ?? env.WORKERS ?? '1'),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    logLevel: parseLogLevel(env.LOG_LEVEL ?? 'info'),
    metrics: parseMetricsListen(flags.metricsPort ?? env.METRICS_PORT, env.METRICS_HOST),
    overload: Object.freeze({
      maxInFlight: parseCount('OVERLOAD_MAX_IN_FLIGHT', env.OVERLOAD_MAX_IN_FLIGHT ?? '100'),
      maxQueued: 1_000,
      maxWaitMs: parseCount('OVERLOAD_MAX_WAIT_MS', env.OVERLOAD_MAX_WAIT_MS ?? '1000'),
      turnBudgetMs: 5,
      retryAfterSeconds: 5,
    }),
    requestDeadlines: requestDeadlinesOf(
      parseLifetime(env.REQUEST_TIMEOUT ?? '30s', 'REQUEST_TIMEOUT'),
    ),
    throttle: Object.freeze({
      signInFailuresPerAccount: parseCount(
        'SIGNIN_FAILURES_PER_ACCOUNT',
        env.SIGNIN_FAILURES_PER_ACCOUNT ?? '10',
      ),
      signInAttemptsPerIp: parseCount(
        'SIGNIN_ATTEMPTS_PER_IP',
        env.SIGNIN_ATTEMPTS_PER_IP ?? '100',
      ),
      registrationsPerIp: parseCount('REGISTRATIONS_PER_IP', env.REGISTRATIONS_PER_IP ?? '50'),
      windowSeconds: parseLifetime(env.THROTTLE_WINDOW ?? '15m', 'THROTTLE_WINDOW'),
    }),
    dataDir,
    staticDir: join(PROJECT_ROOT, 'static'),
  });
}

function readDotEnv(cwd: string): Record<string, string> {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
  } catch (error) {
    throw new ConfigError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

function withoutEmpty(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
}

const ON_WORDS = ['1', 'true', 'yes', 'on'];
const OFF_WORDS = ['0', 'false', 'no', 'off'];

/** An on/off setting: a word it does not know is a mistake to report, not "off". */
function parseSwitch(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  const word = value.trim().toLowerCase();
  if (ON_WORDS.includes(word)) return true;
  if (OFF_WORDS.includes(word)) return false;
  throw new ConfigError(
    `invalid ${name} ${JSON.stringify(value)}: expected one of ${[...ON_WORDS, ...OFF_WORDS].join(', ')}`,
  );
}

/** The names proxy-addr (Fastify's `trustProxy`) knows for address ranges. */
const TRUSTED_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR range (`10.0.0.0/8`, `fd00::/8`) or one of TRUSTED_RANGE_NAMES. */
function isProxyAddress(entry: string): boolean {
  if (TRUSTED_RANGE_NAMES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * On/off, or the proxy's addresses: with a list, a request from any other
 * address cannot choose its client address with a forged `X-Forwarded-For`.
 */
function parseTrustProxy(value: string | undefined): boolean | string {
  const word = value?.trim().toLowerCase();
  if (value === undefined || ON_WORDS.includes(word ?? '') || OFF_WORDS.includes(word ?? ''))
    return parseSwitch('TRUST_PROXY', value);
  const entries = value.split(',').map((entry) => entry.trim());
  const wrong = entries.find((entry) => !isProxyAddress(entry));
  if (wrong === undefined) return entries.join(',');
  throw new ConfigError(
    `invalid TRUST_PROXY ${JSON.stringify(value)}: expected ${[...ON_WORDS, ...OFF_WORDS].join(', ')}, or the proxy's comma-separated addresses or CIDR ranges (e.g. 127.0.0.1 or 10.0.0.0/8; ${JSON.stringify(wrong)} is neither)`,
  );
}

/** An empty host would listen on every interface: only an explicit `0.0.0.0` or `::` may. */
function parseHost(text: string, name = 'host'): string {
  const host = text.trim();
  if (host === '') {
    throw new ConfigError(
      `invalid ${name} ${JSON.stringify(text)}: expected a host name or an IP address (0.0.0.0 for every interface)`,
    );
  }
  return host;
}

/**
 * Debug mode shows stack traces and SQL to whoever makes a request fail, so
 * production refuses it rather than ignoring it: the operator learns at once.
 */
function parseDebug(
  flag: boolean | undefined,
  variable: string | undefined,
  production: boolean,
): boolean {
  const debug = flag ?? parseSwitch('DEBUG', variable);
  if (debug && production) {
    const source = flag ? '--debug' : `DEBUG=${variable}`;
    throw new ConfigError(
      `${source} is refused with NODE_ENV=production: debug mode shows error details to visitors`,
    );
  }
  return debug;
}

function parsePort(text: string, name = 'port'): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new ConfigError(
      `invalid ${name} ${JSON.stringify(text)}: expected an integer from 0 to 65535`,
    );
  }
  return port;
}

function parseMetricsListen(
  port: string | undefined,
  host: string | undefined,
): MetricsListen | null {
  if (port === undefined) return null;
  return Object.freeze({
    host: parseHost(host ?? '127.0.0.1', 'METRICS_HOST'),
    port: parsePort(port, 'METRICS_PORT'),
  });
}

function parseWorkers(text: string): number {
  if (text === 'auto') return availableParallelism();
  const workers = Number(text);
  if (!/^\d+$/.test(text) || workers < 1 || workers > 64) {
    throw new ConfigError(
      `invalid worker count ${JSON.stringify(text)}: expected 1 to 64, or "auto"`,
    );
  }
  return workers;
}

function parseSessionStore(text: string): SessionStoreKind {
  if (text === 'database' || text === 'cookie') return text;
  throw new ConfigError(
    `invalid SESSION_STORE ${JSON.stringify(text)}: expected "database" or "cookie"`,
  );
}

function parseLifetime(text: string, name = 'SESSION_LIFETIME'): number {
  const seconds = parseDurationSeconds(text);
  if (seconds === undefined) {
    throw new ConfigError(
      `invalid ${name} ${JSON.stringify(text)}: expected seconds or a duration like 30m, 12h, 7d`,
    );
  }
  return seconds;
}

function parseCount(name: string, text: string): number {
  const count = Number(text);
  if (!/^\d+$/.test(text) || count < 1) {
    throw new ConfigError(
      `invalid ${name} ${JSON.stringify(text)}: expected a positive whole number`,
    );
  }
  return count;
}

function parseLogLevel(text: string): LogLevel {
  const level = text.toLowerCase() as LogLevel;
  if (LOG_LEVELS.includes(level)) return level;
  throw new ConfigError(
    `invalid LOG_LEVEL ${JSON.stringify(text)}: expected one of ${LOG_LEVELS.join(', ')}`,
  );
}

function warnProcess(message: string): void {
  process.emitWarning(message, { code: 'MONSTERS_CONFIG' });
}

/**
 * `SECRET_KEY` may list several comma-separated keys (the first is current).
 * Production requires it, and every key of the list must be at least 32
 * bytes: any accepted key can forge a session. Development accepts a short
 * key with a warning, and without one generates a key once into
 * `data/secret.key` (mode 0600) so sessions survive restarts.
 */
function resolveSecretKeys(
  raw: string | undefined,
  production: boolean,
  dataDir: string,
  warn: (message: string) => void,
): string[] {
  const keys = (raw ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
  if (keys.length === 0) {
    if (production) {
      throw new ConfigError(
        `NODE_ENV=production requires SECRET_KEY (at least ${MIN_SECRET_BYTES} bytes, e.g. the output of: openssl rand -hex 32)`,
      );
    }
    return [readOrCreateDevelopmentKey(join(dataDir, 'secret.key'))];
  }
  const short = firstShortKey(keys);
  if (short === undefined) return keys;
  const advice = `(e.g. the output of: openssl rand -hex 32)`;
  if (production) {
    throw new ConfigError(
      `SECRET_KEY: ${short}; in production every key must be at least ${MIN_SECRET_BYTES} bytes ${advice}`,
    );
  }
  warn(`SECRET_KEY: ${short}; production refuses keys under ${MIN_SECRET_BYTES} bytes ${advice}`);
  return keys;
}

/** The first key under the minimum, by position and size only (never the key itself). */
function firstShortKey(keys: readonly string[]): string | undefined {
  const index = keys.findIndex((key) => Buffer.byteLength(key) < MIN_SECRET_BYTES);
  if (index === -1) return undefined;
  const bytes = Buffer.byteLength(keys[index] ?? '');
  return `key ${index + 1} of ${keys.length} is ${bytes} byte${bytes === 1 ? '' : 's'}`;
}

function readOrCreateDevelopmentKey(path: string): string {
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(resolve(path, '..'), { recursive: true });
  const key = randomBytes(32).toString('hex');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return key;
}

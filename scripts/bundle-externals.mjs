// What the bundle leaves out (scripts/bundle.mjs, and the benchmark's
// variants of it): packages with native code, files read at run time or
// worker threads of their own.
export const BUNDLE_EXTERNALS = [
  'better-sqlite3',
  'better-sqlite3-node20',
  '@node-rs/argon2',
  'pg',
  'pino',
  'pino-pretty',
  'thread-stream',
  '@fastify/swagger-ui',
  '@fastify/static',
  '@zxcvbn-ts/*',
];

// Bundles the compiled server into two files (the app and the password
// strength worker). Node 20 spends most of a cold start opening and linking
// the ~1,500 module files of the dependencies; one file starts in about half
// the time (SPEC §8: first response under 1 s). Packages with native code,
// files read at run time or worker threads of their own stay external.
import { build } from 'esbuild';

const external = [
  'better-sqlite3',
  '@node-rs/argon2',
  'pg',
  'pino',
  'pino-pretty',
  'thread-stream',
  '@fastify/swagger-ui',
  '@fastify/static',
  '@zxcvbn-ts/*',
];

await build({
  entryPoints: {
    monsters: 'dist/src/main.js',
    'password-strength.worker': 'dist/src/features/accounts/password-strength.worker.js',
  },
  outdir: 'dist/bundle',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: false,
  sourcemap: true,
  external,
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

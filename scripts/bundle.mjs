// Bundles the compiled server into two files (the app and the password
// strength worker). Node 20 spends most of a cold start opening and linking
// the ~1,500 module files of the dependencies; one file starts in about half
// the time (the first response is due within 1 s). Packages with native code,
// files read at run time or worker threads of their own stay external.
//
// A running server, and every worker a cluster restarts, loads the bundle
// while a build runs: each file is written beside its final name and renamed
// over it (the dependencies first, monsters.mjs last), so dist/bundle/ never
// lacks a file; files of an earlier build that are no longer produced are
// removed only afterwards (a concurrent build's .tmp files are left alone).
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';
import { asciiSource } from './bundle-ascii.mjs';
import { BUNDLE_EXTERNALS } from './bundle-externals.mjs';

const outdir = resolve(import.meta.dirname, '..', 'dist', 'bundle');
const mainFile = join(outdir, 'monsters.mjs');

const result = await build({
  absWorkingDir: resolve(import.meta.dirname, '..'),
  entryPoints: {
    monsters: 'dist/src/main.js',
    'password-strength.worker': 'dist/src/features/accounts/password-strength.worker.js',
  },
  outdir,
  write: false,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  splitting: false,
  sourcemap: true,
  external: BUNDLE_EXTERNALS,
  logLevel: 'warning',
  // CommonJS dependencies inside an ES module bundle still call require().
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});

mkdirSync(outdir, { recursive: true });
const outputs = [...result.outputFiles].sort(
  (a, b) => Number(a.path === mainFile) - Number(b.path === mainFile),
);
for (const file of outputs) {
  const temporary = join(outdir, `.${basename(file.path)}.${process.pid}.tmp`);
  writeFileSync(temporary, file.path.endsWith('.mjs') ? asciiSource(file.text) : file.contents);
  renameSync(temporary, file.path);
}
const produced = new Set(outputs.map((file) => basename(file.path)));
for (const name of readdirSync(outdir)) {
  if (!produced.has(name) && !name.endsWith('.tmp'))
    rmSync(join(outdir, name), { recursive: true, force: true });
}

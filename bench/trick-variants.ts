// The app bundled with one performance trick undone, so `bench/tricks.ts` can
// measure each trick against the same code without it, side by side
// (docs/decisions/012-performance-tricks.md). Each variant is the app's own
// source with a few exact text replacements applied while esbuild bundles
// it; a replacement that no longer matches stops the run, naming the file:
// the trick moved, and this list must follow it.

import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_EXTERNALS } from '../scripts/bundle-externals.mjs';

export const PROJECT_ROOT = resolve(import.meta.dirname, '..');

interface Replacement {
  /** Relative to the project root. */
  readonly file: string;
  readonly find: string;
  readonly replace: string;
}

export interface Variant {
  readonly name: string;
  /** What the variant does instead of the trick. */
  readonly label: string;
  readonly replacements: readonly Replacement[];
}

export const AS_IS: Variant = {
  name: 'as-is',
  label: 'every trick (the app as shipped)',
  replacements: [],
};

export const STATEMENTS_PREPARED_EACH_TIME: Variant = {
  name: 'no-statement-cache',
  label: 'SQLite statement prepared for every query (Kysely’s own driver does so)',
  replacements: [
    {
      file: 'src/db/sqlite-driver.ts',
      find: 'const statement = this.#prepare(query.sql);',
      replace: 'const statement = this.#database.prepare(query.sql);',
    },
  ],
};

export const QUERY_BUILT_EACH_TIME: Variant = {
  name: 'no-compiled-query',
  label: 'monster-by-id query built and compiled by Kysely on every call',
  replacements: [
    {
      file: 'src/features/catalogue/catalogue.queries.ts',
      find: 'let compiled = monsterByIdQueries.get(db);',
      replace: 'let compiled;',
    },
  ],
};

export const HELMET_EACH_REQUEST: Variant = {
  name: 'helmet-per-request',
  label: 'helmet middleware run on every request (as @fastify/helmet does)',
  replacements: [
    {
      file: 'src/plugins/security-headers.ts',
      find: 'const headers = securityHeaderValues(helmetOptions(options.production));',
      replace:
        'const headers = securityHeaderValues(helmetOptions(options.production));\n    const perRequest = helmet(helmetOptions(options.production));',
    },
    {
      file: 'src/plugins/security-headers.ts',
      find: 'reply.headers(headers);',
      replace: 'perRequest(_request.raw, reply.raw, () => {});',
    },
  ],
};

export const VALIDATORS_COMPILED_AT_START: Variant = {
  name: 'eager-validators',
  label: 'every route validator compiled at start-up',
  replacements: [
    {
      file: 'src/plugins/validation.ts',
      find: 'let compiled: Validate | undefined;',
      replace: 'let compiled: Validate | undefined = ajv.compile(schema) as Validate;',
    },
  ],
};

/**
 * Applies a variant's replacements as esbuild loads the files; each must
 * match exactly once. `missed()` lists those whose file was never loaded.
 */
function replacing(variant: Variant): { plugin: Plugin; missed(): Replacement[] } {
  const applied = new Set<Replacement>();
  const plugin: Plugin = {
    name: `variant-${variant.name}`,
    setup(builder) {
      builder.onLoad({ filter: /\.tsx?$/ }, (args) => {
        const replacements = variant.replacements.filter(
          (replacement) => join(PROJECT_ROOT, replacement.file) === args.path,
        );
        if (replacements.length === 0) return undefined;
        let contents = readFileSync(args.path, 'utf8');
        for (const replacement of replacements) {
          const count = contents.split(replacement.find).length - 1;
          if (count !== 1) {
            throw new Error(
              `variant ${variant.name}: "${replacement.find}" occurs ${count} times in ${replacement.file}, not once: update bench/trick-variants.ts`,
            );
          }
          contents = contents.replace(replacement.find, () => replacement.replace);
          applied.add(replacement);
        }
        return { contents, loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
      });
    },
  };
  return { plugin, missed: () => variant.replacements.filter((entry) => !applied.has(entry)) };
}

/**
 * A folder the bundles can run from: the app finds its project root (static
 * files, package.json) by walking up to a package.json, and its external
 * packages in node_modules.
 */
export function prepareBundleRoot(root: string): void {
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'package.json'), readFileSync(join(PROJECT_ROOT, 'package.json')));
  symlinkSync(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'));
  symlinkSync(join(PROJECT_ROOT, 'static'), join(root, 'static'));
}

/** Bundles the app's sources with `variant` applied into `root/<name>/`; returns the CLI's entry. */
export async function buildVariant(variant: Variant, root: string): Promise<string> {
  const outdir = join(root, variant.name);
  const { plugin, missed } = replacing(variant);
  await build({
    absWorkingDir: PROJECT_ROOT,
    entryPoints: {
      monsters: 'src/main.ts',
      'password-strength.worker': 'src/features/accounts/password-strength.worker.ts',
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: [...BUNDLE_EXTERNALS],
    logLevel: 'warning',
    plugins: [plugin],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  const unused = missed();
  if (unused.length > 0) {
    throw new Error(
      `variant ${variant.name}: ${unused.map((entry) => entry.file).join(', ')} not bundled: update bench/trick-variants.ts`,
    );
  }
  return join(outdir, 'monsters.mjs');
}

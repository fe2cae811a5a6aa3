import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/** Content hashes of every file under static/, keyed by their path relative to it. */
export type AssetManifest = ReadonlyMap<string, string>;

function buildAssetManifest(staticDir: string): AssetManifest {
  const manifest = new Map<string, string>();
  for (const entry of readdirSync(staticDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const hash = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 12);
    manifest.set(relative(staticDir, path).split(sep).join('/'), hash);
  }
  return manifest;
}

/**
 * Flask's `url_for('static', filename=…)`: the URL of an asset with its
 * content hash, so a changed file gets a new URL and an unchanged one can be
 * cached for a year.
 */
function staticUrlFor(manifest: AssetManifest, path: string): string {
  const hash = manifest.get(path);
  if (hash === undefined) throw new Error(`unknown static asset: ${path}`);
  return `/static/${path}?v=${hash}`;
}

declare module 'fastify' {
  interface FastifyInstance {
    staticUrl(path: string): string;
  }
}

/**
 * Serves static/ under /static/ with ETag and Last-Modified (304 on
 * revalidation). URLs carrying the current content hash are immutable;
 * any other URL must revalidate.
 *
 * Only the files of the manifest are served: any other path, whatever its
 * spelling (`..`, encoded, double-encoded, with backslashes), is a 404 that
 * says nothing about what lies outside static/. @fastify/static answers
 * such paths 403, and its checks depend on how each spelling decodes; an
 * allowlist does not.
 */
export const staticAssets = fp(
  async (app: FastifyInstance, options: { staticDir: string }) => {
    const manifest = buildAssetManifest(options.staticDir);
    app.decorate('staticUrl', (path: string) => staticUrlFor(manifest, path));
    await app.register(fastifyStatic, {
      root: options.staticDir,
      serve: false,
      etag: true,
      lastModified: true,
      cacheControl: false,
      dotfiles: 'ignore',
      index: false,
      setHeaders: (reply: FastifyReply, path: string) => {
        const { v: version } = reply.request.query as { v?: string };
        const current = manifest.get(relative(options.staticDir, path).split(sep).join('/'));
        reply.header(
          'Cache-Control',
          version !== null && version === current ? IMMUTABLE : REVALIDATE,
        );
      },
    });
    app.get(
      '/static/*',
      {
        schema: { hide: true },
        // Registered before the app's error handler: look it up when an error happens.
        errorHandler: (error, request, reply) => {
          if ((error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') {
            request.raw.destroy(); // the client went away mid-file: nobody to answer
            return;
          }
          return app.errorHandler(error, request, reply);
        },
      },
      (request, reply) => {
        const { '*': asset } = request.params as { '*': string };
        if (!manifest.has(asset)) return reply.callNotFound();
        return reply.sendFile(asset);
      },
    );
  },
  { name: 'static-assets' },
);

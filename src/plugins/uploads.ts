import { mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError } from '../shared/http-error.js';
import { isUploadedPictureName, UPLOADS_URL_PREFIX } from '../shared/uploaded-pictures.js';

/**
 * The uploaded pictures, served from data/uploads under generated names
 * (so they never change: cached for a year) with their real type and
 * `X-Content-Type-Options: nosniff` (set on every response by the security headers).
 *
 * Only a name the app itself gives a picture is served: any other path,
 * whatever its spelling (`..`, encoded, double-encoded, with backslashes, a
 * picture still being written), is the ordinary 404 before @fastify/static
 * sees it. @fastify/static answers such paths 403, and its checks depend on
 * how each spelling decodes; a check of the one name format does not.
 */
export const uploads = fp(
  async (app: FastifyInstance, options: { uploadsDir: string }) => {
    mkdirSync(options.uploadsDir, { recursive: true });
    // A scope of its own: the name check runs for these routes only.
    await app.register(async (pictures) => {
      pictures.addHook('onRequest', async (request) => {
        const { '*': name = '' } = request.params as { '*'?: string };
        if (!isUploadedPictureName(name)) throw new HttpError(404);
      });
      await pictures.register(fastifyStatic, {
        root: options.uploadsDir,
        prefix: UPLOADS_URL_PREFIX,
        decorateReply: false,
        dotfiles: 'deny',
        index: false,
        list: false,
        cacheControl: true,
        maxAge: '365d',
        immutable: true,
      });
    });
  },
  { name: 'uploads' },
);

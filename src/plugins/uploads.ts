import { mkdirSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { UPLOADS_URL_PREFIX } from '../features/admin/pictures.js';

/**
 * The uploaded pictures, served from data/uploads under generated names
 * (so they never change: cached for a year) with their real type and
 * `X-Content-Type-Options: nosniff` (set on every response by the security headers).
 */
export const uploads = fp(
  async (app: FastifyInstance, options: { uploadsDir: string }) => {
    mkdirSync(options.uploadsDir, { recursive: true });
    await app.register(fastifyStatic, {
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
  },
  { name: 'uploads' },
);

import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { DatabaseHandle } from '../db/connection.js';

declare module 'fastify' {
  interface FastifyInstance {
    database: DatabaseHandle;
  }
}

/** Shares the database handle with every route, and closes it last when the app closes. */
export const database = fp(
  async (app: FastifyInstance, options: { handle: DatabaseHandle; closeOnExit: boolean }) => {
    app.decorate('database', options.handle);
    if (options.closeOnExit) app.addHook('onClose', () => options.handle.close());
  },
  { name: 'database' },
);

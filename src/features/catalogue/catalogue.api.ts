import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiMonsterListQuery,
  ApiMonsterListResponse,
  MonsterResponse,
  problemResponse,
} from './catalogue.schemas.js';
import { browseMonsters, getMonster } from './catalogue.service.js';

const MonsterIdParam = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

/** The read side of the JSON API (docs/requirements.md §5): always JSON, whatever the Accept header. */
export const catalogueApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/monsters',
    {
      schema: {
        tags: ['monsters'],
        summary: 'List or search monsters',
        description:
          'One page of the catalogue, optionally filtered by category and/or a search (`q`). ' +
          'Without `sort`, search results come by relevance (name matches first), then by name.',
        querystring: ApiMonsterListQuery,
        response: {
          200: ApiMonsterListResponse,
          400: problemResponse('Invalid query parameters (see `errors`).'),
        },
      },
    },
    async (request) => {
      const result = await browseMonsters(app.database, request.query);
      return request.query.q === undefined ? result : { ...result, q: request.query.q };
    },
  );

  app.get(
    '/api/monsters/:id',
    {
      schema: {
        tags: ['monsters'],
        summary: 'Get one monster',
        params: MonsterIdParam,
        response: {
          200: MonsterResponse,
          400: problemResponse('The id is not a positive integer.'),
          404: problemResponse('No monster has this id.'),
        },
      },
    },
    async (request) => getMonster(app.database, request.params.id),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { problemResponse } from '../../shared/schemas.js';
import {
  ApiMonsterListQuery,
  ApiMonsterListResponse,
  MonsterIdParams,
  MonsterResponse,
} from './catalogue.schemas.js';
import { browseMonsters, getMonster } from './catalogue.service.js';
import { MONSTER_ID_ROUTE, MONSTERS_PATH } from './catalogue-paths.js';
import { monsterForClient, monsterPageForClient } from './monster-json.js';

/**
 * The read side of the JSON API (docs/requirements.md §5), registered under
 * /api: always JSON, whatever the Accept header; descriptions in the
 * client's language (monster-json.ts).
 */
export const catalogueApi: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    MONSTERS_PATH,
    {
      schema: {
        tags: ['monsters'],
        summary: 'List or search monsters',
        description:
          'One page of the catalogue, optionally filtered by category and/or a search (`q`). ' +
          'Without `sort`, search results come by relevance (name matches first), then by name. ' +
          'Descriptions follow `Accept-Language` (English or French), falling back to the other ' +
          'language when not translated; `Content-Language` lists the languages of the body.',
        querystring: ApiMonsterListQuery,
        response: {
          200: ApiMonsterListResponse,
          400: problemResponse('Invalid query parameters (see `errors`).'),
        },
      },
    },
    async (request, reply) => {
      const result = monsterPageForClient(
        request,
        reply,
        await browseMonsters(app.database, request.query),
      );
      return request.query.q === undefined ? result : { ...result, q: request.query.q };
    },
  );

  app.get(
    MONSTER_ID_ROUTE,
    {
      schema: {
        tags: ['monsters'],
        summary: 'Get one monster',
        description:
          'Its `description` is in the language of `Accept-Language` (English or French) when ' +
          'written in it, else in the other one: `Content-Language` says which.',
        params: MonsterIdParams,
        response: {
          200: MonsterResponse,
          400: problemResponse('The id is not a positive integer.'),
          404: problemResponse('No monster has this id (code `catalogue.unknown_monster`).'),
        },
      },
    },
    async (request, reply) =>
      monsterForClient(request, reply, await getMonster(app.database, request.params.id)),
  );
};

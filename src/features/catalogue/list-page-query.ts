import { type Static, Type } from 'typebox';
import { MonsterListQuery } from './catalogue.schemas.js';

export const LIST_VIEWS = ['cards', 'table'] as const;
export type ListView = (typeof LIST_VIEWS)[number];

/**
 * `GET /monsters` as the page reads it: the JSON answer's parameters, and
 * how to show the monsters (the course's table is one click away). `view`
 * only concerns the page: the JSON answer's schema leaves it out.
 */
export const MonsterListPageQuery = Type.Object({
  ...MonsterListQuery.properties,
  view: Type.Optional(Type.Enum(LIST_VIEWS)),
});
export type MonsterListPageQuery = Static<typeof MonsterListPageQuery>;

import { SITE_PATHS } from '../../shared/site-paths.js';

/** The administration's pages: the monster list, and a form per monster. */
export const ADMIN_MONSTERS_PATH = SITE_PATHS.adminMonsters;
export const NEW_MONSTER_PATH = `${ADMIN_MONSTERS_PATH}/new`;
/** The edit form's action; a GET there leads back to the form. */
export const ADMIN_MONSTER_ROUTE = `${ADMIN_MONSTERS_PATH}/:id`;
export const EDIT_MONSTER_ROUTE = `${ADMIN_MONSTER_ROUTE}/edit`;
export const DELETE_MONSTER_ROUTE = `${ADMIN_MONSTER_ROUTE}/delete`;

export const adminMonsterPath = (id: number): string => `${ADMIN_MONSTERS_PATH}/${id}`;
export const editMonsterPath = (id: number): string => `${adminMonsterPath(id)}/edit`;
export const deleteMonsterPath = (id: number): string => `${adminMonsterPath(id)}/delete`;

/** `/admin/monsters?q=moth&page=2`: a page of the list, the first page and no search left out. */
export function adminListPath({ q = '', page = 1 }: { q?: string; page?: number }): string {
  const query = new URLSearchParams({ ...(q && { q }), ...(page > 1 && { page: String(page) }) });
  const search = query.toString();
  return search === '' ? ADMIN_MONSTERS_PATH : `${ADMIN_MONSTERS_PATH}?${search}`;
}

/**
 * The write API, relative to API_PREFIX: the catalogue's own collection, so
 * a monster written here is read back at the catalogue's `monsterApiPath`.
 */
export const API_MONSTERS_PATH = SITE_PATHS.monsters;
export const API_MONSTER_ROUTE = `${API_MONSTERS_PATH}/:id`;

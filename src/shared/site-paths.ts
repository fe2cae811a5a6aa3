/**
 * The site's URL table: the pages the navigation, the footer and other
 * pages link to. Each feature serves its own (its `*-paths.ts` takes them
 * from here) and links to another feature's pages through this table, so
 * that no feature imports another to write a link, and the layout (which
 * may import no feature) links with the same values (docs/architecture.md).
 */
export const SITE_PATHS = {
  home: '/',
  monsters: '/monsters',
  search: '/search',
  halloween: '/halloween',
  cart: '/cart',
  /** Where every "add to cart" form posts. */
  cartItems: '/cart/items',
  /** Where the cart page's checkout form posts. */
  checkout: '/checkout',
  login: '/login',
  logout: '/logout',
  account: '/account',
  adminMonsters: '/admin/monsters',
  privacy: '/privacy',
  /** Where every consent form posts: the banner's and the policy page's. */
  consent: '/consent',
  /** Where the footer's language switch posts. */
  language: '/lang',
  /** The course's routes, each with what it demonstrates. */
  course: '/course',
  /** The health check: the overload guard never makes it wait. */
  status: '/status',
} as const;

/** The canonical URL of a monster's page: `/monsters/curcubitaceous/666`. */
export function monsterPath(monster: { readonly id: number; readonly category: string }): string {
  return `${SITE_PATHS.monsters}/${encodeURIComponent(monster.category)}/${monster.id}`;
}

/** A monster known only by its id (an order line): redirects to `monsterPath`. */
export const monsterIdPath = (id: number): string => `${SITE_PATHS.monsters}/${id}`;

/**
 * The platform's English texts: the layout and navigation, pagination, the
 * consent banner and the error pages (every page shows them; views read them
 * as `ctx.t`). Each feature keeps its own texts in its `*.messages.ts`
 * (docs/architecture.md). `messages.fr.ts` must provide the same keys (the
 * type checker enforces it); catalogue data itself is not translated.
 */
export const en = {
  siteName: 'Monster Shop',
  skipToContent: 'Skip to content',
  /** The page title of a page re-shown with an error, so it is announced first. */
  refusedTitle: (title: string) => `Error: ${title}`,
  nav: {
    main: 'Main',
    monsters: 'Monsters',
    halloween: 'Halloween',
    cart: 'Cart',
    cartCount: (count: number) => `Cart (${count})`,
    signIn: 'Sign in',
    account: 'Account',
    accountOf: (name: string) => `Account of ${name}`,
    signOut: 'Sign out',
    admin: 'Admin',
  },
  search: {
    label: 'Search monsters',
    placeholder: 'Cthulhu, pumpkin, bête…',
    submit: 'Search',
  },
  pagination: {
    label: 'Pages',
    previous: 'Previous',
    next: 'Next',
    page: (page: number) => `Page ${page}`,
    backToFirstPage: 'Go to the first page',
  },
  footer: {
    cookiePreferences: 'Cookie preferences',
    language: 'Language',
    course: 'A reference application of the Web / BD course.',
  },
  consent: {
    bannerLabel: 'Cookie consent',
    bannerText:
      'We use cookies that are strictly necessary for the shop to work (your session, your cart, security). With your consent we would also remember the monsters you viewed and count visits to rank the most viewed monsters. You can change your mind at any time from "Cookie preferences" at the bottom of every page.',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    customise: 'Customise',
    close: 'Close (refuses optional cookies)',
  },
  errors: {
    heading: (status: number) => `Error ${status}`,
    backHome: 'Back to the home page',
    requestId: 'Request id',
    /** Between a label and its value: French puts a no-break space before the colon. */
    colon: ': ',
    titles: {
      400: 'Bad request',
      401: 'Sign-in required',
      403: 'Forbidden',
      404: 'Page not found',
      405: 'Method not allowed',
      408: 'Request timeout',
      409: 'Conflict',
      411: 'Length required',
      413: 'Content too large',
      414: 'Address too long',
      415: 'Unsupported media type',
      417: 'Expectation failed',
      418: "I'm a teapot",
      422: 'Invalid data',
      429: 'Too many requests',
      431: 'Request headers too large',
      500: 'Internal server error',
      503: 'Service unavailable',
    } as Record<number, string>,
    details: {
      404: 'Sorry, page not found: nothing lives at this address, not even a ghost.',
      405: 'This address does not accept that method.',
      418: 'I refuse to brew coffee because I am, permanently, a teapot.',
      500: 'Something went wrong on our side. The error has been logged; please try again.',
      503: 'The shop is temporarily unavailable. Please try again in a moment.',
    } as Record<number, string>,
  },
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { readonly [K in keyof T]: Widen<T[K]> };

export type Messages = Widen<typeof en>;

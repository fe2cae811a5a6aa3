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
    /** The header's search landmark: named apart from any page's own search form. */
    landmark: 'Search the shop',
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
    coursePage: 'The course, route by route',
  },
  consent: {
    bannerLabel: 'Cookie consent',
    bannerText:
      'Necessary cookies keep your session and cart. With your consent, we also remember the monsters you view and count visits.',
    /** The banner on the narrowest phones: the same facts, in one breath. */
    bannerTextShort: 'Necessary cookies only, unless you accept: viewed monsters, visit counts.',
    acceptAll: 'Accept all',
    rejectAll: 'Reject all',
    customise: 'Customise',
    close: 'Close (refuses optional cookies)',
  },
  form: {
    /** An item of a refused form's error summary: which field, and why. */
    fieldProblem: (label: string, problem: string) => `${label}: ${problem}`,
  },
  errors: {
    heading: (status: number) => `Error ${status}`,
    backHome: 'Back to the home page',
    backToPrevious: 'Back to the previous page',
    /** A 400 for a link (GET): the visitor followed or typed an address. */
    badAddress: {
      title: 'This link does not work',
      detail:
        'Part of this address is not one the shop understands. Check the link, or go back and try again.',
    },
    /** A 400 for a form sent (POST): the visitor pressed a button. */
    badForm: {
      title: 'This form could not be read',
      detail:
        'What was sent is not a form the shop can read. Go back, reload the page and try again.',
    },
    requestId: 'Request id',
    /** Between a label and its value: French puts a no-break space before the colon. */
    colon: ': ',
    titles: {
      400: 'This cannot be done',
      401: 'Sign-in required',
      403: 'Forbidden',
      404: 'Page not found',
      405: 'Method not allowed',
      408: 'Request timeout',
      409: 'Conflict',
      411: 'Length required',
      413: 'Too large to send',
      414: 'Address too long',
      415: 'Unsupported media type',
      417: 'Expectation failed',
      418: "I'm a teapot",
      422: 'Invalid data',
      429: 'Too many attempts',
      431: 'Request headers too large',
      500: 'Internal server error',
      503: 'Service unavailable',
    } as Record<number, string>,
    /** What a page says of each status, for people: no header names, no programmers' words. */
    details: {
      401: 'Sign in to see this page.',
      403: 'This page is not open to you.',
      404: 'Sorry, page not found: nothing lives at this address, not even a ghost.',
      405: 'This address cannot be used that way. Follow a link or a button of the shop instead.',
      408: 'What you sent took too long to arrive. Please try again.',
      409: 'This cannot be done right now: the shop has changed in the meantime. Go back and try again.',
      411: 'What you sent could not be read. Go back, reload the page and try again.',
      413: 'What you sent is too large for the shop. Go back and send something smaller.',
      414: 'This address is too long for the shop. Check the link, or start again from the home page.',
      415: 'What you sent could not be read. Go back, reload the page and try again.',
      417: 'What you sent could not be read. Go back, reload the page and try again.',
      418: 'I refuse to brew coffee because I am, permanently, a teapot.',
      422: 'Some of what you sent is not valid. Go back, check the form and try again.',
      429: 'Too many attempts in a short time. Please wait a moment, then try again.',
      431: 'Your browser sent more than the shop can read, often too many cookies. Clear this site’s cookies and try again.',
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

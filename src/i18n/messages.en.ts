/**
 * English interface texts. `messages.fr.ts` must provide the same keys
 * (the type checker enforces it); catalogue data itself is not translated.
 */
export const en = {
  siteName: 'Monster Shop',
  skipToContent: 'Skip to content',
  nav: {
    main: 'Main',
    monsters: 'Monsters',
    halloween: 'Halloween',
    cart: 'Cart',
    cartCount: (count: number) => `Cart (${count})`,
    signIn: 'Sign in',
    account: 'Account',
  },
  search: {
    label: 'Search monsters',
    placeholder: 'Cthulhu, pumpkin, bête…',
    submit: 'Search',
  },
  footer: {
    cookiePreferences: 'Cookie preferences',
    language: 'Language',
    course: 'A reference application of the Web / BD course.',
  },
  home: {
    title: 'Halloween monsters',
    hello: (name: string) => `Hello, ${name}!`,
    welcome:
      'Welcome to Monster Shop, the catalogue of every creature that goes bump in the night.',
    featured: 'Featured monsters',
    browseAll: 'Browse the whole catalogue',
  },
  monster: {
    height: 'Height',
    category: 'Category',
    price: 'Price',
    stock: 'In stock',
    outOfStock: 'Out of stock',
    pictureOf: (name: string) => `Picture of ${name}`,
    heightCm: (cm: number) => `${cm} cm`,
  },
  halloween: {
    title: 'Happy Halloween!',
    caption: "Jack O'Lantern lights the way.",
  },
  course: {
    helloWorld: 'Hello, World!',
    helloLogin: (login: string) => `Hello ${login}!`,
  },
  errors: {
    heading: (status: number) => `Error ${status}`,
    backHome: 'Back to the home page',
    requestId: 'Request id',
    titles: {
      400: 'Bad request',
      401: 'Sign-in required',
      403: 'Forbidden',
      404: 'Page not found',
      405: 'Method not allowed',
      409: 'Conflict',
      413: 'Content too large',
      415: 'Unsupported media type',
      418: "I'm a teapot",
      422: 'Invalid data',
      429: 'Too many requests',
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

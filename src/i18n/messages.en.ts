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
    accountOf: (name: string) => `Account of ${name}`,
    signOut: 'Sign out',
    admin: 'Admin',
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
  catalogue: {
    title: 'Monsters',
    intro: 'Every creature of the catalogue. Sort by a column, filter by category.',
    caption: (from: number, to: number, total: number) => `Monsters ${from} to ${to} of ${total}`,
    columns: {
      id: 'Id',
      name: 'Name',
      height: 'Height (cm)',
      category: 'Category',
      price: 'Price',
    },
    sortHint: (column: string, order: string) => `${column}, sort ${order}`,
    orders: { asc: 'ascending', desc: 'descending' },
    filter: {
      legend: 'Filter',
      category: 'Category',
      all: 'All categories',
      submit: 'Show',
    },
    empty: 'No monster matches these criteria.',
    beyondLastPage: 'This page is past the end of the list.',
    backToFirstPage: 'Go to the first page',
    pagination: {
      label: 'Pages',
      previous: 'Previous',
      next: 'Next',
      page: (page: number) => `Page ${page}`,
    },
    breadcrumb: 'Breadcrumb',
    stockCount: (count: number) => (count === 1 ? 'Only 1 left' : `${count} in stock`),
    quantity: 'Quantity',
    addToCart: 'Add to cart',
    unavailable: 'This monster is out of stock for now.',
    moreOfCategory: (category: string) => `More ${category} monsters`,
  },
  searchPage: {
    title: 'Search',
    resultsFor: (query: string) => `Results for “${query}”`,
    found: (count: number) =>
      count === 0
        ? 'No monster found.'
        : count === 1
          ? '1 monster found.'
          : `${count} monsters found.`,
    nothingFound: (query: string) =>
      `No monster answers to “${query}”. Check the spelling, try fewer words, or browse the catalogue.`,
    hint: 'Search by name, category or description; accents and capitals do not matter.',
    browseAll: 'Browse the whole catalogue',
  },
  halloween: {
    title: 'Happy Halloween!',
    caption: "Jack O'Lantern lights the way.",
  },
  course: {
    helloWorld: 'Hello, World!',
    helloLogin: (login: string) => `Hello ${login}!`,
  },
  accounts: {
    signInTitle: 'Sign in',
    registerTitle: 'Create an account',
    accountTitle: 'Your account',
    email: 'E-mail address',
    name: 'Name',
    password: 'Password',
    passwordHint: 'At least 8 characters. A few unrelated words make a strong passphrase.',
    signInButton: 'Sign in',
    registerButton: 'Create my account',
    noAccount: 'No account yet?',
    createOne: 'Create one',
    haveAccount: 'Already have an account?',
    badCredentials: 'Incorrect e-mail address or password.',
    tooManyAttempts: (minutes: number) =>
      `Too many failed sign-ins for this account. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
    emailInvalid: 'Enter a valid e-mail address, like name@example.com.',
    emailTaken: 'An account already exists with this e-mail address. Sign in instead?',
    nameRequired: 'Enter your name (1 to 100 characters).',
    passwordTooShort: (min: number) => `Use at least ${min} characters.`,
    passwordTooLong: (max: number) => `Use at most ${max} characters.`,
    passwordTooGuessable: 'This password is too easy to guess.',
    fixErrors: 'Please correct the fields below.',
    formRejected: 'This form could not be accepted.',
    welcome: (name: string) => `Welcome, ${name}! Your account is ready.`,
    welcomeBack: (name: string) => `Welcome back, ${name}!`,
    signedOut: 'You are signed out. See you soon!',
    profile: 'Profile',
    role: 'Role',
    memberSince: 'Member since',
    orders: 'Your orders',
    noOrders: 'No orders yet.',
    sessions: 'Active sessions',
    thisDevice: 'This device',
    lastSeen: 'Last seen',
    signedInAt: 'Signed in',
    unknownDevice: 'Unknown device',
    signOutSession: 'Sign out this session',
    signOutOthers: 'Sign out everywhere else',
    otherSessionsEnded: 'All your other sessions are signed out.',
    sessionEnded: 'That session is signed out.',
    cookieStoreNote:
      'Your session is kept, encrypted, in your browser. Signing out everywhere else invalidates every other copy of it.',
    roles: { customer: 'Customer', admin: 'Administrator' },
  },
  cart: {
    title: 'Your cart',
    empty: 'Your cart is empty.',
    browse: 'Browse the monsters',
    monster: 'Monster',
    unitPrice: 'Unit price',
    quantity: 'Quantity',
    quantityOf: (name: string) => `Quantity of ${name}`,
    lineTotal: 'Total',
    total: (count: number) => `Total (${count} item${count === 1 ? '' : 's'})`,
    update: 'Update',
    remove: 'Remove',
    removeItem: (name: string) => `Remove ${name} from the cart`,
    checkout: 'Place the order',
    signInToCheckout: 'Sign in to place the order',
    added: (name: string, quantity: number) => `Added ${quantity} × ${name} to your cart.`,
    updated: 'Your cart is updated.',
    removed: 'Removed from your cart.',
    unknownMonster: 'This monster does not exist (any more).',
    invalidQuantity: 'The quantity must be a whole number from 1 to 99.',
    soldOut: (name: string) => `${name} is sold out: your cart is unchanged.`,
    notEnoughStock: (name: string, stock: number) =>
      `Only ${stock} ${name} left in stock: your cart is unchanged.`,
    tooMany: (name: string, max: number) =>
      `At most ${max} ${name} per order: your cart is unchanged.`,
    cartTooLarge:
      'Your cart is too large to be kept in a browser cookie (4096 bytes at most), so this change was not made. Remove a line first.',
  },
  orders: {
    orderNumber: (id: number) => `Order #${id}`,
    placedOn: (date: string) => `Placed on ${date}`,
    status: (status: string) => (status === 'placed' ? 'Placed' : status),
    items: 'Items of the order',
    total: 'Total',
    backToAccount: 'Back to your account',
    placed: (id: number) => `Thank you! Order #${id} is placed.`,
    emptyCart: 'Your cart is empty: there is nothing to order.',
    notEnoughStock: (names: readonly string[]) =>
      `Not enough stock for: ${names.join(', ')}. Nothing was ordered; please adjust your cart.`,
    noLongerSold: (id: number) => `monster #${id} (no longer sold)`,
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

import type { Role } from '../../db/tables.js';
import { DomainError } from '../../shared/domain-error.js';

/** The signed-in user as every request sees it. */
export interface SessionUser {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
}

export interface FlashMessage {
  readonly kind: 'success' | 'error' | 'info';
  readonly text: string;
}

/**
 * Flash messages waiting for a page to show them. A client that never follows
 * the redirects (a script, curl) would otherwise grow the session without bound.
 */
export const MAX_FLASH_MESSAGES = 5;

/**
 * A form refused on a URL that only accepts POST, carried to the page the form
 * came from (Post/Redirect/Get), which re-shows it with the message next to
 * the field, the values typed and this status. Shown once, like a flash.
 */
export interface CarriedRefusal {
  /** Which form of the page it concerns (a page can hold several). */
  readonly form: string;
  readonly status: number;
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, string>>;
}

/** Quantities by monster id: the course's "nozama" cart lives in the session. */
export type Cart = Readonly<Record<string, number>>;

/** What a session carries. */
export interface SessionData {
  flash?: FlashMessage[];
  /** A refused form on its way to `page`, the page it came from. */
  refusal?: CarriedRefusal & { readonly page: string };
  cart?: Cart;
  /** The checkout form's one-time token: kept until an order uses it (docs/decisions/007). */
  checkoutToken?: string;
}

/** The part of a session both stores persist. */
export interface SessionState {
  readonly userId: number | null;
  /** Epoch ms of the sign-in: no session outlives 30 days after it (docs/requirements.md §6). */
  readonly authenticatedAt: number | null;
  /**
   * The user's session generation this session is bound to: the cookie store
   * seals it, and a bump (sign-out, role change, "sign out everywhere else")
   * makes it stale. Always 0 in the database store, which deletes rows instead.
   */
  readonly generation: number;
  readonly data: SessionData;
}

export const EMPTY_STATE: SessionState = Object.freeze({
  userId: null,
  authenticatedAt: null,
  generation: 0,
  data: {},
});

const TOO_LARGE = {
  kind: 'too_large',
  en: () =>
    'This change would make your session larger than a browser cookie can hold (4096 bytes), so it was not made. Remove something first.',
  fr: () =>
    'Ce changement rendrait votre session plus grande qu’un cookie de navigateur ne peut la garder (4096 octets) : il n’a pas été fait. Retirez d’abord quelque chose.',
} as const;

/** Raised when a cookie-stored session would outgrow what a browser keeps. */
export class SessionTooLargeError extends DomainError<undefined> {
  constructor() {
    super('session.too_large', undefined, TOO_LARGE);
  }
}

/**
 * One visitor's session for the duration of a request. Mutations are
 * checked by the store before they apply (`fits`), so a refused change
 * leaves the previous data intact.
 */
export class Session {
  #state: SessionState;
  #user: SessionUser | null;
  #changed = false;
  #renewed = false;

  constructor(
    state: SessionState,
    user: SessionUser | null,
    private readonly fits: (state: SessionState) => boolean,
  ) {
    this.#state = state;
    this.#user = user;
  }

  get user(): SessionUser | null {
    return this.#user;
  }

  get state(): SessionState {
    return this.#state;
  }

  get data(): Readonly<SessionData> {
    return this.#state.data;
  }

  /** Something to persist at the end of the request. */
  get changed(): boolean {
    return this.#changed;
  }

  /** Signed in, out or re-identified during this request: a new token/identity is due. */
  get renewed(): boolean {
    return this.#renewed;
  }

  /** Applies a change to the data, or throws SessionTooLargeError and changes nothing. */
  update(patch: Partial<SessionData>): void {
    this.#apply({ ...this.#state, data: { ...this.#state.data, ...patch } });
  }

  /**
   * Queues a message for the next page; only the newest MAX_FLASH_MESSAGES are
   * kept. A message only reports a change: one that would not fit a full cookie
   * session is dropped, and the change it reports stands.
   */
  flash(kind: FlashMessage['kind'], text: string): void {
    const queue = [...(this.#state.data.flash ?? []), { kind, text }];
    const next = {
      ...this.#state,
      data: { ...this.#state.data, flash: queue.slice(-MAX_FLASH_MESSAGES) },
    };
    if (this.fits(next)) this.#apply(next);
  }

  /** Returns the pending flash messages and forgets them (shown once). */
  takeFlash(): FlashMessage[] {
    const messages = this.#state.data.flash ?? [];
    if (messages.length > 0) {
      const { flash: _shown, ...rest } = this.#state.data;
      this.#apply({ ...this.#state, data: rest });
    }
    return messages.slice(-MAX_FLASH_MESSAGES);
  }

  /** Keeps a refused form for `page` (replacing any not yet shown). */
  carryRefusal(refusal: CarriedRefusal, page: string): void {
    this.update({ refusal: { ...refusal, page } });
  }

  /**
   * Forgets the carried refusal, and returns it if it was meant for `page`:
   * the next page shown takes it, but only its own page shows it.
   */
  takeRefusal(page: string): CarriedRefusal | undefined {
    const { refusal, ...rest } = this.#state.data;
    if (!refusal) return undefined;
    this.#apply({ ...this.#state, data: rest });
    return refusal.page === page ? refusal : undefined;
  }

  /**
   * Signs `user` in: a new identity (no fixation), keeping the visitor's data.
   * `generation` is the user's session generation at this moment.
   */
  signIn(user: SessionUser, now: number, generation: number): void {
    this.#apply({ userId: user.id, authenticatedAt: now, generation, data: this.#state.data });
    this.#user = user;
    this.#renewed = true;
  }

  /**
   * Re-issues the session under a new token/identity, keeping its data, bound
   * to `generation` (the one a bump made on this session's behalf).
   */
  reissue(generation: number): void {
    this.#state = { ...this.#state, generation };
    this.#renewed = true;
  }

  /**
   * Signs out: the stored session is destroyed and a new, empty anonymous
   * one takes its place (it can carry a goodbye flash message).
   */
  signOut(): void {
    this.#state = EMPTY_STATE;
    this.#user = null;
    this.#renewed = true;
    this.#changed = true;
  }

  #apply(next: SessionState): void {
    if (!this.fits(next)) throw new SessionTooLargeError();
    this.#state = next;
    this.#changed = true;
  }
}

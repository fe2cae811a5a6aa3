import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Watches for unhandled promise rejections while a test runs: the app must
 * settle every promise it starts (an unhandled rejection ends a Node process).
 * `answer()` fails as soon as one is seen, instead of waiting for a response
 * that will never come.
 */
export class RejectionWatch {
  readonly reasons: unknown[] = [];
  readonly #waiters = new Set<(reason: unknown) => void>();
  readonly #listener = (reason: unknown) => {
    this.reasons.push(reason);
    for (const wake of this.#waiters) wake(reason);
  };

  constructor(t: TestContext) {
    process.on('unhandledRejection', this.#listener);
    t.after(() => {
      process.off('unhandledRejection', this.#listener);
    });
  }

  /** The settled result of `pending`, or a failure if a rejection went unhandled meanwhile. */
  async answer<T>(pending: Promise<T>): Promise<T> {
    let wake: ((reason: unknown) => void) | undefined;
    const leaked = new Promise<never>((_resolve, reject) => {
      wake = (reason) => reject(new Error(`unhandled rejection: ${String(reason)}`));
      this.#waiters.add(wake);
    });
    leaked.catch(() => {}); // observed through the race below
    try {
      const result = await Promise.race([pending, leaked]);
      // A rejection raised while sending surfaces on a later turn of the event loop.
      await nextTurn();
      await nextTurn();
      this.assertNone();
      return result;
    } finally {
      if (wake) this.#waiters.delete(wake);
    }
  }

  assertNone(): void {
    assert.deepEqual(this.reasons.map(String), [], 'no unhandled promise rejection');
  }
}

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags this machine needs (no sandbox as root, no network beyond loopback). */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The system Chromium without a profile of its own, for several isolated
 * contexts in one browser (the page audit, the screenshots script): whoever
 * opens it closes it.
 */
export function openChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** `openChromium`, closed when the test ends. Launch it before the app (see `launchBrowser`). */
export async function launchSharedBrowser(t: TestContext): Promise<Browser> {
  const browser = await openChromium();
  t.after(() => browser.close());
  return browser;
}

/**
 * A fresh Chromium profile (the system browser, never a downloaded one),
 * closed when the test ends. Launch it before the app: `t.after` hooks run
 * in registration order and stop at the first one that throws, so the
 * browser closes before the app (docs/pitfalls.md #7), even when the app's
 * error-log check fails (else Chromium keeps the test process waiting).
 */
export async function launchBrowser(
  t: TestContext,
  options: { javaScriptEnabled?: boolean } = {},
): Promise<BrowserContext> {
  const profile = mkdtempSync(join(tmpdir(), 'monsters-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  t.after(async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
  return context;
}

/** How long a browser assertion waits for the page to reach the expected state. */
export const BROWSER_WAIT_MS = 15_000;

/**
 * Polls `read` until it returns `expected`, then asserts it: the waiting form
 * of `assert.deepEqual` for page state (a computed style, an attribute, the
 * cookies), which a busy machine may reach later than the action that causes it.
 */
export async function assertEventually<T>(
  read: () => Promise<T>,
  expected: T,
  message: string,
  timeoutMs = BROWSER_WAIT_MS,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let actual = await read();
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    actual = await read();
  }
  assert.deepEqual(actual, expected, message);
}

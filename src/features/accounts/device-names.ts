import Bowser from 'bowser';
import type { ActiveSession } from '../../plugins/sessions/session-store.js';
import type { accountsMessages } from './accounts.messages.js';

type DeviceTexts = Pick<
  (typeof accountsMessages)['en'],
  'browserOn' | 'unknownBrowserOn' | 'unknownDevice'
>;

/**
 * A session's device as people say it: "Chrome on Linux", "Firefox on
 * Android". A browser or a system the parser does not know is left out of
 * the name; an agent it cannot read at all (a script, none) is an
 * "unknown device".
 */
export function deviceName(userAgent: string | null, t: DeviceTexts): string {
  const agent = userAgent?.trim();
  if (!agent) return t.unknownDevice;
  const { browser, os } = Bowser.parse(agent);
  const browserName = browser.name || undefined;
  const systemName = os.name || undefined;
  if (browserName && systemName) return t.browserOn(browserName, systemName);
  if (browserName) return browserName;
  if (systemName) return t.unknownBrowserOn(systemName);
  return t.unknownDevice;
}

/** A session as the account page lists it: named, the current one first. */
export interface NamedSession extends ActiveSession {
  readonly deviceName: string;
}

/** The sessions of the account page: "this device" first, then the most recently seen. */
export function namedSessions(
  sessions: readonly ActiveSession[],
  t: DeviceTexts,
): readonly NamedSession[] {
  return sessions
    .map((session) => ({ ...session, deviceName: deviceName(session.userAgent, t) }))
    .sort(
      (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
    );
}

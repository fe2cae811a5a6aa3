import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  type ConsentChoices,
  consentOf,
  POLICY_VERSION,
  serializeConsent,
} from '../../plugins/consent/consent-state.js';
import {
  COOKIES,
  cookieNamesOf,
  OPTIONAL_CATEGORIES,
} from '../../plugins/consent/cookie-registry.js';
import { wantsHtml } from '../../shared/negotiation.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { insertConsentProof } from './consent.queries.js';
import { PrivacyPage } from './views/privacy-page.js';

const ConsentForm = Type.Object({
  choice: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Literal('custom')]),
  preferences: Type.Optional(Type.String({ maxLength: 10 })),
  statistics: Type.Optional(Type.String({ maxLength: 10 })),
  next: Type.Optional(Type.String({ maxLength: 2048 })),
});

function choicesFrom(body: {
  choice: 'accept' | 'reject' | 'custom';
  preferences?: string;
  statistics?: string;
}): ConsentChoices {
  if (body.choice === 'accept') return { preferences: true, statistics: true };
  if (body.choice === 'reject') return { preferences: false, statistics: false };
  return { preferences: body.preferences === 'on', statistics: body.statistics === 'on' };
}

/** The cookie policy and the consent choice (docs/requirements.md §7). */
export const consentRoutes: FastifyPluginAsyncTypebox<{ sessionLifetimeSeconds: number }> = async (
  app,
  options,
) => {
  app.get(
    '/privacy',
    {
      schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 5 })) }) },
    },
    async (request, reply) =>
      reply.page((ctx) => (
        <PrivacyPage
          ctx={ctx}
          consent={consentOf(request)}
          policyVersion={POLICY_VERSION}
          sessionLifetimeSeconds={options.sessionLifetimeSeconds}
          saved={request.query.saved === '1'}
        />
      )),
  );

  /**
   * Records a choice: the `consent` cookie (refusal remembered like
   * acceptance), a proof row, and the refused categories' cookies deleted at once.
   */
  app.post('/consent', { schema: { body: ConsentForm } }, async (request, reply) => {
    const choices = choicesFrom(request.body);
    reply.setCookie(
      COOKIES.consent.names[0],
      serializeConsent(choices),
      request.cookieOptions(COOKIES.consent.lifetime),
    );
    for (const category of OPTIONAL_CATEGORIES) {
      if (choices[category]) continue;
      for (const name of cookieNamesOf(category)) {
        if (request.cookies[name] !== undefined)
          reply.setCookie(name, '', request.cookieOptions(0));
      }
    }
    const session = await request.existingSession();
    await insertConsentProof(app.database.db, {
      choices: JSON.stringify(choices),
      policyVersion: POLICY_VERSION,
      userId: session?.user?.id ?? null,
      createdAt: new Date().toISOString(),
    });
    if (!wantsHtml(request) && request.headers.accept?.includes('application/json')) {
      return { consent: { ...choices, policy_version: POLICY_VERSION } };
    }
    return reply.redirect(safeNextPath(request.body.next, '/'), 303);
  });
};

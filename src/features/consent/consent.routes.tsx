import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
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
import { refusalStatus } from '../../plugins/errors.js';
import { readForm, type TypedValues } from '../../plugins/read-form.js';
import { formFieldOf, type RefusalTarget, WHOLE_PAGE_FORM } from '../../plugins/refusal-target.js';
import type { DomainError } from '../../shared/domain-error.js';
import { wantsHtml } from '../../shared/negotiation.js';
import { safeNextPath } from '../../shared/safe-redirect.js';
import { refusalOf } from '../../views/form.js';
import { ConsentForm, PrivacyQuery } from './consent.schemas.js';
import { recordConsent } from './consent.service.js';
import { AFTER_CHOICE_PATH, CONSENT_PATH, PRIVACY_PATH } from './consent-paths.js';
import { PrivacyPage } from './views/privacy-page.js';

function choicesFrom(form: Static<typeof ConsentForm>): ConsentChoices {
  if (form.choice === 'accept') return { preferences: true, statistics: true };
  if (form.choice === 'reject') return { preferences: false, statistics: false };
  return { preferences: form.preferences === 'on', statistics: form.statistics === 'on' };
}

/**
 * A choice the platform refused (an expired page) goes back to the page the
 * form names, or to the policy page, which say why.
 */
function consentRefusalTarget(request: FastifyRequest): RefusalTarget {
  return { page: safeNextPath(formFieldOf(request, 'next'), PRIVACY_PATH), form: WHOLE_PAGE_FORM };
}

/** The banner answers without reloading: its script asks for JSON. */
const answersJson = (request: FastifyRequest) =>
  !wantsHtml(request) && (request.headers.accept?.includes('application/json') ?? false);

/** The cookie policy and the consent choice (docs/requirements.md §7). */
export const consentRoutes: FastifyPluginAsyncTypebox<{ sessionLifetimeSeconds: number }> = async (
  app,
  options,
) => {
  /** The policy page; after a refused choice, its reason and the boxes as they were sent. */
  const showPrivacy = (
    request: FastifyRequest,
    reply: FastifyReply,
    saved: boolean,
    refused?: { error: DomainError; values: TypedValues },
  ) =>
    reply.page(
      (ctx) => (
        <PrivacyPage
          ctx={ctx}
          consent={consentOf(request)}
          policyVersion={POLICY_VERSION}
          sessionLifetimeSeconds={options.sessionLifetimeSeconds}
          saved={saved}
          refusal={refused && refusalOf(refused.error, ctx.lang)}
          typed={refused?.values}
        />
      ),
      refusalStatus(reply, refused?.error),
    );

  app.get(PRIVACY_PATH, { schema: { querystring: PrivacyQuery } }, async (request, reply) =>
    showPrivacy(request, reply, request.query.saved === '1'),
  );

  // After a refused choice the address bar shows this path: reloading it, or
  // switching language, leads back to the policy page.
  app.get(CONSENT_PATH, async (_request, reply) => reply.redirect(PRIVACY_PATH, 303));

  /**
   * Records a choice: the `consent` cookie (refusal remembered like
   * acceptance), a proof row, and the refused categories' cookies deleted at once.
   */
  app.post(
    CONSENT_PATH,
    { config: { refusalTarget: consentRefusalTarget } },
    async (request, reply) => {
      const form = readForm(ConsentForm, request.body);
      if (!form.ok) {
        if (!wantsHtml(request)) throw form.error;
        return showPrivacy(request, reply, false, form);
      }
      const choices = choicesFrom(form.value);
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
      await recordConsent(app.database.db, choices, session?.user?.id ?? null);
      if (answersJson(request)) return { consent: { ...choices, policy_version: POLICY_VERSION } };
      return reply.redirect(safeNextPath(form.value.next, AFTER_CHOICE_PATH), 303);
    },
  );
};

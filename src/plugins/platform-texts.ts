import { defineErrors, defineTexts, type Translatable } from '../shared/domain-error.js';

/** What the platform says when it refuses a request before any feature reads it. */
export const platformTexts = defineTexts('http', {
  invalidFields: { en: 'Some fields are invalid.', fr: 'Certains champs sont invalides.' },
  csrf: {
    en: 'This page had expired (you may have been signed out), so nothing was done. Try again.',
    fr: 'Cette page avait expiré (vous avez peut-être été déconnecté), donc rien n’a été fait. Réessayez.',
  },
  csrfApi: {
    en: 'Missing or invalid CSRF token. A request that carries the session cookie must send the csrf_token of GET /api/session in an X-CSRF-Token header, with the cookies of that answer; read it again after signing in or out.',
    fr: 'Jeton CSRF absent ou invalide. Une requête qui porte le cookie de session doit envoyer le csrf_token de GET /api/session dans un en-tête X-CSRF-Token, avec les cookies de cette réponse ; relisez-le après chaque connexion ou déconnexion.',
  },
  jsonOnly: {
    en: 'The API accepts application/json bodies only.',
    fr: 'L’API n’accepte que des corps application/json.',
  },
  restarting: {
    en: 'The shop is restarting: retry after the delay given by Retry-After.',
    fr: 'La boutique redémarre : réessayez après le délai donné par Retry-After.',
  },
  overloaded: {
    en: 'The shop is too busy right now: retry after the delay given by Retry-After.',
    fr: 'La boutique est trop occupée pour le moment : réessayez après le délai donné par Retry-After.',
  },
  hostRequired: {
    en: 'An HTTP/1.1 request must name the site it is for in a Host header.',
    fr: 'Une requête HTTP/1.1 doit nommer son site dans un en-tête Host.',
  },
  expectationFailed: {
    en: 'The only expectation this server meets is "Expect: 100-continue".',
    fr: 'La seule attente que ce serveur satisfait est « Expect: 100-continue ».',
  },
  notFound: { en: 'page not found', fr: 'page introuvable' },
  badRequest: {
    en: 'The request could not be read.',
    fr: 'La requête n’a pas pu être lue.',
  },
  badJson: {
    en: 'The body is not a JSON object this API can read.',
    fr: 'Le corps n’est pas un objet JSON que cette API sait lire.',
  },
  methodNotAllowed: {
    en: 'This address does not accept that method: see the Allow header.',
    fr: 'Cette adresse n’accepte pas cette méthode : voyez l’en-tête Allow.',
  },
  requestTimeout: {
    en: 'The request took too long to arrive.',
    fr: 'La requête a mis trop de temps à arriver.',
  },
  lengthRequired: {
    en: 'Send the body with a Content-Length header.',
    fr: 'Envoyez le corps avec un en-tête Content-Length.',
  },
  bodyTooLarge: {
    en: 'The body is larger than this address accepts.',
    fr: 'Le corps dépasse ce que cette adresse accepte.',
  },
  uriTooLong: { en: 'The address is too long.', fr: 'L’adresse est trop longue.' },
  unsupportedMediaType: {
    en: 'This address does not accept a body of that type.',
    fr: 'Cette adresse n’accepte pas de corps de ce type.',
  },
  headersTooLarge: {
    en: 'The request headers are too large.',
    fr: 'Les en-têtes de la requête sont trop volumineux.',
  },
  unavailable: {
    en: 'The service is temporarily unavailable: retry after the delay given by Retry-After.',
    fr: 'Le service est momentanément indisponible : réessayez après le délai donné par Retry-After.',
  },
  serverError: {
    en: 'The server could not complete the request. It has been logged.',
    fr: 'Le serveur n’a pas pu traiter la requête. L’erreur a été journalisée.',
  },
});

/** The route guards' refusals (plugins/auth-guards.ts). */
export const accessErrors = defineErrors('access', {
  signInFirst: {
    kind: 'unauthenticated',
    en: () => 'Sign in first: this endpoint needs a session.',
    fr: () => 'Connectez-vous d’abord : cette adresse demande une session.',
  },
  adminsOnly: {
    kind: 'forbidden',
    en: () => 'This area is for administrators only.',
    fr: () => 'Cet espace est réservé aux administrateurs.',
  },
});

/** What the platform says of a status when nothing more precise was said. */
const TEXT_OF_STATUS: Readonly<Record<number, Translatable>> = {
  400: platformTexts.badRequest,
  404: platformTexts.notFound,
  405: platformTexts.methodNotAllowed,
  408: platformTexts.requestTimeout,
  411: platformTexts.lengthRequired,
  413: platformTexts.bodyTooLarge,
  414: platformTexts.uriTooLong,
  415: platformTexts.unsupportedMediaType,
  431: platformTexts.headersTooLarge,
  503: platformTexts.unavailable,
};

export function statusText(status: number): Translatable | undefined {
  return TEXT_OF_STATUS[status] ?? (status >= 500 ? platformTexts.serverError : undefined);
}

/** Fastify's own refusals, by their error code, in the platform's words. */
const TEXT_OF_FRAMEWORK_CODE: Readonly<Record<string, Translatable>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: platformTexts.badJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: platformTexts.badJson,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: platformTexts.unsupportedMediaType,
  FST_ERR_CTP_BODY_TOO_LARGE: platformTexts.bodyTooLarge,
};

export function frameworkText(code: string | undefined, status: number): Translatable | undefined {
  return (code !== undefined ? TEXT_OF_FRAMEWORK_CODE[code] : undefined) ?? statusText(status);
}

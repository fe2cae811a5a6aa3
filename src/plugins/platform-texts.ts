import { defineErrors, defineTexts } from '../shared/domain-error.js';

/** What the platform says when it refuses a request before any feature reads it. */
export const platformTexts = defineTexts('http', {
  invalidFields: { en: 'Some fields are invalid.', fr: 'Certains champs sont invalides.' },
  csrf: {
    en: 'This form has expired or did not come from this site (missing or invalid CSRF token). Reload the page and try again.',
    fr: 'Ce formulaire a expiré ou ne vient pas de ce site (jeton CSRF absent ou invalide). Rechargez la page et réessayez.',
  },
  jsonOnly: {
    en: 'The API accepts application/json bodies only.',
    fr: "L'API n'accepte que des corps application/json.",
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
  unavailable: {
    en: 'The service is temporarily unavailable: retry after the delay given by Retry-After.',
    fr: 'Le service est momentanément indisponible : réessayez après le délai donné par Retry-After.',
  },
  serverError: {
    en: 'The server could not complete the request. It has been logged.',
    fr: "Le serveur n'a pas pu traiter la requête. L'erreur a été journalisée.",
  },
});

/** The route guards' refusals (plugins/auth-guards.ts). */
export const accessErrors = defineErrors('access', {
  signInFirst: {
    kind: 'unauthenticated',
    en: () => 'Sign in first: this endpoint needs a session.',
    fr: () => "Connectez-vous d'abord : cette adresse demande une session.",
  },
  adminsOnly: {
    kind: 'forbidden',
    en: () => 'This area is for administrators only.',
    fr: () => 'Cet espace est réservé aux administrateurs.',
  },
});

import { defineMessages } from '../../i18n/localized.js';

/**
 * The cookie policy page. The consent banner's own texts stay with the
 * platform's (`ctx.t.consent`): the banner is part of every page's layout.
 */
export const consentMessages = defineMessages({
  en: {
    title: 'Cookies and privacy',
    intro:
      'Monster Shop sets only first-party cookies and loads nothing from other sites. Strictly necessary cookies need no consent; the optional ones are set, and read, only with yours. Every choice is recorded (choices, policy version, time) as proof, as the CNIL recommends.',
    policyVersion: (version: string) => `Cookie policy version ${version}.`,
    cookiesTitle: 'Every cookie we can set',
    name: 'Name',
    purpose: 'Purpose',
    lifetime: 'Lifetime',
    category: 'Category',
    consentNeeded: 'Consent needed',
    yes: 'Yes',
    no: 'No',
    categories: {
      necessary: 'Strictly necessary',
      preferences: 'Preferences',
      statistics: 'Statistics',
    },
    categoryHelp: {
      preferences: 'Remember the monsters you viewed, to show them on the home page.',
      statistics:
        'Count visits with a random visitor id, to rank the most viewed monsters. Never linked to your account.',
    },
    purposes: {
      session:
        'Keeps you signed in and holds your cart (a random token, or your encrypted session).',
      csrf: 'Protects the forms against cross-site request forgery.',
      consent: 'Remembers your cookie choices, so we do not ask at every page.',
      lang: 'Remembers the language you chose.',
      recentlyViewed: 'The monsters you viewed last.',
      visitor: 'A random visitor id for the "most viewed" ranking.',
    },
    lifetimes: {
      browserSession: 'Until you close the browser',
      configured: (days: number) =>
        `${days} day${days === 1 ? '' : 's'} of inactivity (30 days at most after signing in)`,
      days: (days: number) => `${days} days`,
    },
    choicesTitle: 'Your choices',
    currentChoice: (decided: boolean) =>
      decided
        ? 'Your current choice is shown below.'
        : 'You have not chosen yet: optional cookies are off.',
    save: 'Save my choices',
    saved: 'Your choices are saved. Refused cookies were deleted.',
  },
  fr: {
    title: 'Cookies et vie privée',
    intro:
      'Monster Shop ne dépose que des cookies propres et ne charge rien depuis d’autres sites. Les cookies strictement nécessaires ne demandent pas de consentement ; les cookies facultatifs ne sont déposés, et lus, qu’avec le vôtre. Chaque choix est enregistré (choix, version de la politique, date) comme preuve, ainsi que le recommande la CNIL.',
    policyVersion: (version) => `Politique cookies, version ${version}.`,
    cookiesTitle: 'Tous les cookies que nous pouvons déposer',
    name: 'Nom',
    purpose: 'Finalité',
    lifetime: 'Durée',
    category: 'Catégorie',
    consentNeeded: 'Consentement requis',
    yes: 'Oui',
    no: 'Non',
    categories: {
      necessary: 'Strictement nécessaire',
      preferences: 'Préférences',
      statistics: 'Statistiques',
    },
    categoryHelp: {
      preferences: 'Retenir les monstres que vous avez consultés, pour les afficher sur l’accueil.',
      statistics:
        'Compter les visites avec un identifiant aléatoire, pour classer les monstres les plus vus. Jamais lié à votre compte.',
    },
    purposes: {
      session:
        'Vous garde connecté et contient votre panier (un jeton aléatoire, ou votre session chiffrée).',
      csrf: 'Protège les formulaires contre la falsification de requêtes intersites.',
      consent: 'Retient vos choix de cookies, pour ne pas vous les redemander à chaque page.',
      lang: 'Retient la langue que vous avez choisie.',
      recentlyViewed: 'Les derniers monstres que vous avez consultés.',
      visitor: 'Un identifiant de visiteur aléatoire pour le classement des plus vus.',
    },
    lifetimes: {
      browserSession: 'Jusqu’à la fermeture du navigateur',
      configured: (days) =>
        `${days} jour${days === 1 ? '' : 's'} d’inactivité (30 jours au plus après la connexion)`,
      days: (days) => `${days} jours`,
    },
    choicesTitle: 'Vos choix',
    currentChoice: (decided) =>
      decided
        ? 'Votre choix actuel est indiqué ci-dessous.'
        : 'Vous n’avez pas encore choisi : les cookies facultatifs sont désactivés.',
    save: 'Enregistrer mes choix',
    saved: 'Vos choix sont enregistrés. Les cookies refusés ont été supprimés.',
  },
});

import { defineMessages } from '../../i18n/localized.js';
import { defineTexts } from '../../shared/domain-error.js';

export const courseMessages = defineMessages({
  en: {
    helloWorld: 'Hello, World!',
    helloLogin: (login: string) => `Hello ${login}!`,
    halloween: {
      title: 'Happy Halloween!',
      caption: "Jack O'Lantern lights the way.",
    },
    page: {
      title: 'The course, route by route',
      intro:
        'Each route the Web / BD course writes with Flask, as Monster Shop serves it. Open one, or ask it with curl.',
      routesTitle: 'The routes',
      guideTitle: 'The guide',
      guide:
        'Every chapter of the course mapped to the app, with the commands to type and their real output, is in the repository:',
      status: 'The health check: plain text, 200; 503 when the database is unreachable.',
      hello:
        'An HTML page saying "Hello, World!". Its URL ends with a slash, like the Flask route: /hello redirects here.',
      helloLogin:
        'A variable part of the path: the login is taken from the URL and escaped, so that <b> stays text.',
      whoisGet: 'A query parameter, answered as plain text; without it, John Doe.',
      whoisPost:
        'The same name sent as a form field. Changing nothing, it needs no CSRF token: try it with curl.',
      teapot: 'Status 418 "I\'m a teapot", on the shop\'s own error page.',
      halloween: 'A static picture and the stylesheet: black background, centred pumpkin.',
      monsterPage:
        'Monster 666: an HTML page for a browser, its JSON for a client sending "Accept: application/json".',
      monsterJson: 'The same monster from the JSON API, even to a browser.',
      apiDocs: 'The JSON API, documented from its schemas (OpenAPI 3.1), to try in the browser.',
    },
  },
  fr: {
    helloWorld: 'Hello, World!',
    helloLogin: (login) => `Hello ${login}!`,
    halloween: {
      title: 'Joyeux Halloween !',
      caption: 'Jack O’Lantern éclaire le chemin.',
    },
    page: {
      title: 'Le cours, route par route',
      intro:
        'Chaque route que le cours Web / BD écrit avec Flask, telle que Monster Shop la sert. Ouvrez-la, ou interrogez-la avec curl.',
      routesTitle: 'Les routes',
      guideTitle: 'Le guide',
      guide:
        'Chaque chapitre du cours rapporté à l’application, avec les commandes à taper et leur vraie sortie, est dans le dépôt :',
      status: 'Le test de santé : texte brut, 200 ; 503 quand la base de données est injoignable.',
      hello:
        'Une page HTML qui dit « Hello, World! ». Son URL finit par une barre oblique, comme la route Flask : /hello redirige ici.',
      helloLogin:
        'Une partie variable du chemin : le login est lu dans l’URL et échappé, pour que <b> reste du texte.',
      whoisGet: 'Un paramètre de requête, renvoyé en texte brut ; sans lui, John Doe.',
      whoisPost:
        'Le même nom envoyé comme champ de formulaire. Ne changeant rien, il n’a pas besoin de jeton CSRF : essayez avec curl.',
      teapot: 'Le statut 418 « I’m a teapot », sur la page d’erreur de la boutique.',
      halloween: 'Une image statique et la feuille de style : fond noir, citrouille centrée.',
      monsterPage:
        'Le monstre 666 : une page HTML pour un navigateur, son JSON pour un client qui envoie « Accept: application/json ».',
      monsterJson: 'Le même monstre par l’API JSON, même pour un navigateur.',
      apiDocs:
        'L’API JSON, documentée à partir de ses schémas (OpenAPI 3.1), à essayer dans le navigateur.',
    },
  },
});

export const courseTexts = defineTexts('course', {
  teapot: {
    en: 'I refuse to brew coffee because I am, permanently, a teapot.',
    fr: 'Je refuse de faire du café : je suis, pour toujours, une théière.',
  },
});

import type { Messages } from './messages.en.js';

export const fr: Messages = {
  siteName: 'Monster Shop',
  skipToContent: 'Aller au contenu',
  nav: {
    main: 'Principale',
    monsters: 'Monstres',
    halloween: 'Halloween',
    cart: 'Panier',
    cartCount: (count) => `Panier (${count})`,
    signIn: 'Se connecter',
    account: 'Mon compte',
  },
  search: {
    label: 'Rechercher des monstres',
    placeholder: 'Cthulhu, citrouille, bête…',
    submit: 'Rechercher',
  },
  footer: {
    cookiePreferences: 'Préférences cookies',
    language: 'Langue',
    course: 'Une application de référence du cours Web / BD.',
  },
  home: {
    title: 'Monstres d’Halloween',
    hello: (name) => `Bonjour, ${name} !`,
    welcome:
      'Bienvenue chez Monster Shop, le catalogue de toutes les créatures qui rôdent la nuit.',
    featured: 'Monstres à la une',
    browseAll: 'Parcourir tout le catalogue',
  },
  monster: {
    height: 'Taille',
    category: 'Catégorie',
    price: 'Prix',
    stock: 'En stock',
    outOfStock: 'Épuisé',
    pictureOf: (name) => `Image de ${name}`,
    heightCm: (cm) => `${cm} cm`,
  },
  halloween: {
    title: 'Joyeux Halloween !',
    caption: 'Jack O’Lantern éclaire le chemin.',
  },
  course: {
    helloWorld: 'Hello, World!',
    helloLogin: (login) => `Hello ${login}!`,
  },
  errors: {
    heading: (status) => `Erreur ${status}`,
    backHome: 'Retour à l’accueil',
    requestId: 'Identifiant de requête',
    titles: {
      400: 'Requête invalide',
      401: 'Connexion requise',
      403: 'Accès interdit',
      404: 'Page introuvable',
      405: 'Méthode non autorisée',
      409: 'Conflit',
      413: 'Contenu trop volumineux',
      415: 'Type de contenu non pris en charge',
      418: 'Je suis une théière',
      422: 'Données invalides',
      429: 'Trop de requêtes',
      500: 'Erreur interne du serveur',
      503: 'Service indisponible',
    },
    details: {
      404: 'Désolé, page introuvable : rien ne vit à cette adresse, pas même un fantôme.',
      405: 'Cette adresse n’accepte pas cette méthode.',
      418: 'Je refuse de faire du café : je suis, pour toujours, une théière.',
      500: 'Une erreur est survenue de notre côté. Elle a été enregistrée ; veuillez réessayer.',
      503: 'La boutique est momentanément indisponible. Veuillez réessayer dans un instant.',
    },
  },
};

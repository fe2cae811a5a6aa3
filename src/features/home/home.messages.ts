import { defineMessages } from '../../i18n/localized.js';

export const homeMessages = defineMessages({
  en: {
    title: 'Halloween monsters',
    hello: (name: string) => `Hello, ${name}!`,
    welcome:
      'Welcome to Monster Shop, the catalogue of every creature that goes bump in the night.',
    /** Not the header's search box's name: two search landmarks need two names. */
    searchLabel: 'Find a monster',
    featured: 'Featured monsters',
    browseAll: 'Browse the whole catalogue',
    recentlyViewed: 'Recently viewed',
    mostViewed: 'Most viewed monsters',
    views: (count: number, shown: string) => `${shown} view${count === 1 ? '' : 's'}`,
  },
  fr: {
    title: 'Monstres d’Halloween',
    hello: (name) => `Bonjour, ${name} !`,
    welcome:
      'Bienvenue chez Monster Shop, le catalogue de toutes les créatures qui rôdent la nuit.',
    searchLabel: 'Trouver un monstre',
    featured: 'Monstres à la une',
    browseAll: 'Parcourir tout le catalogue',
    recentlyViewed: 'Vus récemment',
    mostViewed: 'Monstres les plus vus',
    views: (count, shown) => `${shown} vue${count > 1 ? 's' : ''}`,
  },
});

import { defineMessages } from '../../i18n/localized.js';

export const searchMessages = defineMessages({
  en: {
    title: 'Search',
    resultsFor: (query: string) => `Results for “${query}”`,
    found: (count: number) =>
      count === 0
        ? 'No monster found.'
        : count === 1
          ? '1 monster found.'
          : `${count} monsters found.`,
    nothingFound: (query: string) =>
      `No monster answers to “${query}”. Check the spelling, try fewer words, or browse the catalogue.`,
    hint: 'Search by name, category or description; accents and capitals do not matter.',
    browseAll: 'Browse the whole catalogue',
    beyondLastPage: 'This page is past the last result.',
  },
  fr: {
    title: 'Recherche',
    resultsFor: (query) => `Résultats pour « ${query} »`,
    found: (count) =>
      count === 0
        ? 'Aucun monstre trouvé.'
        : count === 1
          ? '1 monstre trouvé.'
          : `${count} monstres trouvés.`,
    nothingFound: (query) =>
      `Aucun monstre ne répond à « ${query} ». Vérifiez l’orthographe, essayez moins de mots ou parcourez le catalogue.`,
    hint: 'Cherchez par nom, catégorie ou description ; ni les accents ni les majuscules ne comptent.',
    browseAll: 'Parcourir tout le catalogue',
    beyondLastPage: 'Cette page est au-delà du dernier résultat.',
  },
});

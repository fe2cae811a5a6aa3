import { defineMessages } from '../../i18n/localized.js';

export const searchMessages = defineMessages({
  en: {
    title: 'Search',
    resultsFor: (query: string) => `Results for “${query}”`,
    /** Not the header's search box's name: two search landmarks need two names. */
    formLabel: 'Find a monster',
    found: (count: number, shown: string) =>
      count === 0
        ? 'No monster found.'
        : count === 1
          ? '1 monster found.'
          : `${shown} monsters found.`,
    nothingFound: (query: string) =>
      `No monster answers to “${query}”. Check the spelling, try fewer words, or browse the catalogue.`,
    hint: 'Search by name, category or description; accents and capitals do not matter.',
    browseAll: 'Browse the whole catalogue',
    beyondLastPage: 'This page is past the last result.',
    startAgain: 'Show this search from its first page',
  },
  fr: {
    title: 'Recherche',
    resultsFor: (query) => `Résultats pour « ${query} »`,
    formLabel: 'Trouver un monstre',
    found: (count, shown) =>
      count === 0
        ? 'Aucun monstre trouvé.'
        : count === 1
          ? '1 monstre trouvé.'
          : `${shown} monstres trouvés.`,
    nothingFound: (query) =>
      `Aucun monstre ne répond à « ${query} ». Vérifiez l’orthographe, essayez moins de mots ou parcourez le catalogue.`,
    hint: 'Cherchez par nom, catégorie ou description ; ni les accents ni les majuscules ne comptent.',
    browseAll: 'Parcourir tout le catalogue',
    beyondLastPage: 'Cette page est au-delà du dernier résultat.',
    startAgain: 'Afficher cette recherche depuis sa première page',
  },
});

import { defineMessages } from '../../i18n/localized.js';
import { defineErrors } from '../../shared/domain-error.js';

/** The list page's texts, the cards' in `card`, and the monster page's in `monster`. */
export const catalogueMessages = defineMessages({
  en: {
    title: 'Monsters',
    intro: 'Every creature of the catalogue. Choose a category, an order and how many to show.',
    caption: (from: string, to: string, total: string) => `Monsters ${from} to ${to} of ${total}`,
    shown: (from: string, to: string, total: string) =>
      `Showing monsters ${from} to ${to} of ${total}.`,
    columns: {
      id: 'Id',
      name: 'Name',
      height: 'Height (cm)',
      category: 'Category',
      price: 'Price',
    },
    sortHint: (column: string, order: string) => `${column}, sort ${order}`,
    orders: { asc: 'ascending', desc: 'descending' },
    views: {
      label: 'Show the monsters as',
      cards: 'Cards',
      table: 'Table',
    },
    tableRegion: 'Monsters, as a table',
    scrollHint: 'Scroll the table sideways to see every column.',
    filter: {
      label: 'Choose which monsters to show',
      category: 'Category',
      all: 'All categories',
      sortBy: 'Sort by',
      sortKeys: { id: 'Number', name: 'Name', height: 'Height', price: 'Price' },
      order: 'Order',
      orders: { asc: 'Ascending', desc: 'Descending' },
      perPage: 'Per page',
      submit: 'Apply',
      autoApplies: 'The list updates as soon as you pick a choice; with the keyboard, press Enter.',
    },
    empty: 'No monster matches these criteria.',
    beyondLastPage: 'This page is past the end of the list.',
    showAll: 'Show every monster',
    ignored: {
      heading: 'Part of this address could not be used, so the list shows the usual choice:',
      sort: (typed: string) => `The list cannot be sorted by “${typed}”: it is in catalogue order.`,
      order: (typed: string) => `“${typed}” is not an order: the list is in ascending order.`,
      page: (typed: string) => `There is no page “${typed}”: here is the first page.`,
      per_page: (typed: string, max: string, usual: string) =>
        `“${typed}” monsters per page is not possible (1 to ${max}): here are ${usual}.`,
      category: (typed: string) =>
        `There is no category “${typed}”: monsters of every category are shown.`,
      view: (typed: string) => `“${typed}” is not a way to show the list: here are cards.`,
      other: (typed: string) => `“${typed}” could not be used.`,
    },
    card: {
      heightCm: (cm: string) => `${cm}\u00a0cm`,
      inStock: 'In stock',
      fewLeft: (count: string) => `Only ${count} left`,
      soldOut: 'Sold out',
      stockCount: (count: string) => `${count} in stock`,
    },
    monster: {
      breadcrumb: 'Breadcrumb',
      height: 'Height',
      category: 'Category',
      price: 'Price',
      availability: 'Availability',
      pictureOf: (name: string) => `Picture of ${name}`,
      heightCm: (cm: string) => `${cm}\u00a0cm`,
      moreOfCategory: (category: string) => `More monsters: ${category}`,
      asJson: 'This monster as JSON',
    },
  },
  fr: {
    title: 'Monstres',
    intro:
      'Toutes les créatures du catalogue. Choisissez une catégorie, un ordre et combien en afficher.',
    caption: (from, to, total) => `Monstres ${from} à ${to} sur ${total}`,
    shown: (from, to, total) => `Monstres ${from} à ${to} sur ${total}.`,
    columns: {
      id: 'N°',
      name: 'Nom',
      height: 'Taille (cm)',
      category: 'Catégorie',
      price: 'Prix',
    },
    sortHint: (column, order) => `${column}, tri ${order}`,
    orders: { asc: 'croissant', desc: 'décroissant' },
    views: {
      label: 'Afficher les monstres en',
      cards: 'Fiches',
      table: 'Tableau',
    },
    tableRegion: 'Monstres, en tableau',
    scrollHint: 'Faites défiler le tableau de côté pour voir toutes les colonnes.',
    filter: {
      label: 'Choisir les monstres à afficher',
      category: 'Catégorie',
      all: 'Toutes les catégories',
      sortBy: 'Trier par',
      sortKeys: { id: 'Numéro', name: 'Nom', height: 'Taille', price: 'Prix' },
      order: 'Ordre',
      orders: { asc: 'Croissant', desc: 'Décroissant' },
      perPage: 'Par page',
      submit: 'Appliquer',
      autoApplies:
        'La liste se met à jour dès que vous choisissez ; au clavier, appuyez sur Entrée.',
    },
    empty: 'Aucun monstre ne correspond à ces critères.',
    beyondLastPage: 'Cette page est au-delà de la fin de la liste.',
    showAll: 'Voir tous les monstres',
    ignored: {
      heading:
        'Une partie de cette adresse est inutilisable ; la liste reprend le choix habituel :',
      sort: (typed) =>
        `La liste ne peut pas être triée par « ${typed} » : elle suit l’ordre du catalogue.`,
      order: (typed) => `« ${typed} » n’est pas un ordre : la liste est en ordre croissant.`,
      page: (typed) => `Il n’y a pas de page « ${typed} » : voici la première.`,
      per_page: (typed, max, usual) =>
        `Impossible d’afficher « ${typed} » monstres par page (de 1 à ${max}) : en voici ${usual}.`,
      category: (typed) =>
        `Il n’y a pas de catégorie « ${typed} » : les monstres de toutes les catégories sont affichés.`,
      view: (typed) => `« ${typed} » n’est pas une façon d’afficher la liste : voici les fiches.`,
      other: (typed) => `« ${typed} » est inutilisable.`,
    },
    card: {
      heightCm: (cm) => `${cm}\u00a0cm`,
      inStock: 'En stock',
      fewLeft: (count) => (count === '1' ? 'Plus qu’un seul' : `Plus que ${count}`),
      soldOut: 'Épuisé',
      stockCount: (count) => `${count} en stock`,
    },
    monster: {
      breadcrumb: 'Fil d’Ariane',
      height: 'Taille',
      category: 'Catégorie',
      price: 'Prix',
      availability: 'Disponibilité',
      pictureOf: (name) => `Image de ${name}`,
      heightCm: (cm) => `${cm}\u00a0cm`,
      moreOfCategory: (category) => `Plus de monstres : ${category}`,
      asJson: 'Ce monstre en JSON',
    },
  },
});

export const catalogueErrors = defineErrors('catalogue', {
  /** No monster has this id, or the URL holds no id at all (a 404, never a 400). */
  unknownMonster: {
    kind: 'not_found',
    en: () => 'This monster does not exist (any more).',
    fr: () => 'Ce monstre n’existe pas (ou plus).',
  },
});

import { defineMessages } from '../../i18n/localized.js';
import { defineErrors } from '../../shared/domain-error.js';

/** The list page's texts, and the monster page's in `monster`. */
export const catalogueMessages = defineMessages({
  en: {
    title: 'Monsters',
    intro: 'Every creature of the catalogue. Sort by a column, filter by category.',
    caption: (from: number, to: number, total: number) => `Monsters ${from} to ${to} of ${total}`,
    columns: {
      id: 'Id',
      name: 'Name',
      height: 'Height (cm)',
      category: 'Category',
      price: 'Price',
    },
    sortHint: (column: string, order: string) => `${column}, sort ${order}`,
    orders: { asc: 'ascending', desc: 'descending' },
    filter: {
      category: 'Category',
      all: 'All categories',
      submit: 'Show',
    },
    empty: 'No monster matches these criteria.',
    beyondLastPage: 'This page is past the end of the list.',
    monster: {
      breadcrumb: 'Breadcrumb',
      height: 'Height',
      category: 'Category',
      price: 'Price',
      pictureOf: (name: string) => `Picture of ${name}`,
      heightCm: (cm: number) => `${cm} cm`,
      stockCount: (count: number) => (count === 1 ? 'Only 1 left' : `${count} in stock`),
      outOfStock: 'Out of stock',
      quantity: 'Quantity',
      addToCart: 'Add to cart',
      unavailable: 'This monster is out of stock for now.',
      moreOfCategory: (category: string) => `More ${category} monsters`,
    },
  },
  fr: {
    title: 'Monstres',
    intro: 'Toutes les créatures du catalogue. Triez par colonne, filtrez par catégorie.',
    caption: (from, to, total) => `Monstres ${from} à ${to} sur ${total}`,
    columns: {
      id: 'N°',
      name: 'Nom',
      height: 'Taille (cm)',
      category: 'Catégorie',
      price: 'Prix',
    },
    sortHint: (column, order) => `${column}, tri ${order}`,
    orders: { asc: 'croissant', desc: 'décroissant' },
    filter: {
      category: 'Catégorie',
      all: 'Toutes les catégories',
      submit: 'Afficher',
    },
    empty: 'Aucun monstre ne correspond à ces critères.',
    beyondLastPage: 'Cette page est au-delà de la fin de la liste.',
    monster: {
      breadcrumb: 'Fil d’Ariane',
      height: 'Taille',
      category: 'Catégorie',
      price: 'Prix',
      pictureOf: (name) => `Image de ${name}`,
      heightCm: (cm) => `${cm} cm`,
      stockCount: (count) => (count === 1 ? 'Plus qu’un seul' : `${count} en stock`),
      outOfStock: 'Épuisé',
      quantity: 'Quantité',
      addToCart: 'Ajouter au panier',
      unavailable: 'Ce monstre est épuisé pour le moment.',
      moreOfCategory: (category) => `Plus de monstres « ${category} »`,
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

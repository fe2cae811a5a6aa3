import { defineMessages } from '../../i18n/localized.js';
import { defineErrors } from '../../shared/domain-error.js';

export const cartMessages = defineMessages({
  en: {
    title: 'Your cart',
    emptyInvitation:
      'Your cart is empty. Plenty of monsters are waiting for a new home: go and find yours.',
    browse: 'Browse the monsters',
    continueShopping: 'Continue shopping',
    monster: 'Monster',
    unitPrice: 'Unit price',
    quantity: 'Quantity',
    quantityOf: (name: string) => `Quantity of ${name}`,
    lineTotal: 'Total',
    total: (count: number) => `Total (${count} item${count === 1 ? '' : 's'})`,
    update: 'Update',
    /** The Update button's name: it starts with what it shows, and says which line. */
    updateItem: (name: string) => `Update the quantity of ${name}`,
    remove: 'Remove',
    removeItem: (name: string) => `Remove ${name} from the cart`,
    checkout: 'Place the order',
    signInToCheckout: 'Sign in to place the order',
    added: (name: string, quantity: number) => `Added ${quantity} × ${name} to your cart.`,
    updated: 'Your cart is updated.',
    removed: 'Removed from your cart.',
    addToCart: 'Add to cart',
    addQuantityOf: (name: string) => `Quantity of ${name} to add`,
    soldOut: 'Sold out',
  },
  fr: {
    title: 'Votre panier',
    emptyInvitation:
      'Votre panier est vide. Bien des monstres attendent un nouveau foyer : allez trouver le vôtre.',
    browse: 'Parcourir les monstres',
    continueShopping: 'Continuer mes achats',
    monster: 'Monstre',
    unitPrice: 'Prix unitaire',
    quantity: 'Quantité',
    quantityOf: (name) => `Quantité de ${name}`,
    lineTotal: 'Total',
    total: (count) => `Total (${count} article${count === 1 ? '' : 's'})`,
    update: 'Mettre à jour',
    updateItem: (name) => `Mettre à jour la quantité de ${name}`,
    remove: 'Retirer',
    removeItem: (name) => `Retirer ${name} du panier`,
    checkout: 'Passer la commande',
    signInToCheckout: 'Se connecter pour commander',
    added: (name, quantity) => `${quantity} × ${name} ajouté au panier.`,
    updated: 'Votre panier est à jour.',
    removed: 'Retiré de votre panier.',
    addToCart: 'Ajouter au panier',
    addQuantityOf: (name) => `Quantité de ${name} à ajouter`,
    soldOut: 'Épuisé',
  },
});

type Named = { name: string };

/** Every refusal of the cart leaves it unchanged; the texts say so. */
export const cartErrors = defineErrors('cart', {
  unknownMonster: {
    kind: 'not_found',
    en: () => 'This monster does not exist (any more).',
    fr: () => 'Ce monstre n’existe pas (ou plus).',
  },
  notForSale: {
    kind: 'conflict',
    en: ({ name }: Named) => `${name} is not for sale: your cart is unchanged.`,
    fr: ({ name }: Named) => `${name} n’est pas à vendre : votre panier est inchangé.`,
  },
  soldOut: {
    kind: 'conflict',
    en: ({ name }: Named) => `${name} is sold out: your cart is unchanged.`,
    fr: ({ name }: Named) => `${name} est épuisé : votre panier est inchangé.`,
  },
  notEnoughStock: {
    kind: 'conflict',
    en: ({ name, stock }: Named & { stock: number }) =>
      `Only ${stock} ${name} left in stock: your cart is unchanged.`,
    fr: ({ name, stock }: Named & { stock: number }) =>
      stock === 1
        ? `Il ne reste qu’un exemplaire de « ${name} » en stock : votre panier est inchangé.`
        : `Il ne reste que ${stock} exemplaires de « ${name} » en stock : votre panier est inchangé.`,
  },
  tooMany: {
    kind: 'conflict',
    en: ({ name, max }: Named & { max: number }) =>
      `At most ${max} ${name} per order: your cart is unchanged.`,
    fr: ({ name, max }: Named & { max: number }) =>
      `Au plus ${max} ${name} par commande : votre panier est inchangé.`,
  },
  tooManyLines: {
    kind: 'conflict',
    en: ({ max }: { max: number }) =>
      `A cart holds at most ${max} different monsters: your cart is unchanged.`,
    fr: ({ max }: { max: number }) =>
      `Un panier contient au plus ${max} monstres différents : votre panier est inchangé.`,
  },
  tooLargeForCookie: {
    kind: 'too_large',
    en: () =>
      'Your cart is too large to be kept in a browser cookie (4096 bytes at most), so this change was not made. Remove a line first.',
    fr: () =>
      'Votre panier est trop volumineux pour tenir dans un cookie (4096 octets au plus) : cette modification n’a pas été faite. Retirez d’abord une ligne.',
  },
});

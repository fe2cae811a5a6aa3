import { defineMessages } from '../../i18n/localized.js';
import { defineErrors } from '../../shared/domain-error.js';

export const ordersMessages = defineMessages({
  en: {
    orderNumber: (id: number) => `Order #${id}`,
    number: 'Order',
    placedOnLabel: 'Date',
    statusLabel: 'Status',
    status: (status: string) => (status === 'placed' ? 'Placed' : status),
    history: 'Your orders, newest first',
    details: 'Details',
    view: 'View',
    viewOrder: (id: number) => `View order #${id}`,
    continueShopping: 'Continue shopping',
    items: 'Items of the order',
    monster: 'Monster',
    unitPrice: 'Unit price',
    quantity: 'Quantity',
    lineTotal: 'Total',
    total: 'Total',
    backToAccount: 'Back to your account',
    customerLabel: 'Ordered by',
    backToAdmin: 'Back to the administration',
    placed: (id: number) => `Thank you! Order #${id} is placed.`,
    noOrders: 'No orders yet.',
    notEnoughForLine: (name: string) => `Not enough ${name} in stock for this quantity.`,
  },
  fr: {
    orderNumber: (id) => `Commande n° ${id}`,
    number: 'Commande',
    placedOnLabel: 'Date',
    statusLabel: 'État',
    status: (status) => (status === 'placed' ? 'Enregistrée' : status),
    history: 'Mes commandes, de la plus récente à la plus ancienne',
    details: 'Détails',
    view: 'Voir',
    viewOrder: (id) => `Voir la commande n° ${id}`,
    continueShopping: 'Continuer mes achats',
    items: 'Articles de la commande',
    monster: 'Monstre',
    unitPrice: 'Prix unitaire',
    quantity: 'Quantité',
    lineTotal: 'Total',
    total: 'Total',
    backToAccount: 'Retour à mon compte',
    customerLabel: 'Commandé par',
    backToAdmin: 'Retour à l’administration',
    placed: (id) => `Merci ! La commande n° ${id} est enregistrée.`,
    noOrders: 'Aucune commande pour l’instant.',
    notEnoughForLine: (name) => `Pas assez de ${name} en stock pour cette quantité.`,
  },
});

/** A cart line the stock could not cover; a monster deleted since has no name any more. */
export interface ShortItem {
  readonly id: number;
  readonly name: string | undefined;
}

type ShortItems = { readonly items: readonly ShortItem[] };

const namesOf = (items: readonly ShortItem[], unnamed: (id: number) => string) =>
  items.map((item) => item.name ?? unnamed(item.id)).join(', ');

/** A refused checkout orders nothing; the texts say so. */
export const ordersErrors = defineErrors('orders', {
  emptyCart: {
    kind: 'bad_request',
    en: () => 'Your cart is empty: there is nothing to order.',
    fr: () => 'Votre panier est vide : rien à commander.',
  },
  notEnoughStock: {
    kind: 'conflict',
    en: ({ items }: ShortItems) =>
      `Not enough stock for: ${namesOf(items, (id) => `monster #${id} (no longer sold)`)}. Nothing was ordered; please adjust your cart.`,
    fr: ({ items }: ShortItems) =>
      `Stock insuffisant pour : ${namesOf(items, (id) => `monstre n° ${id} (plus en vente)`)}. Rien n’a été commandé ; ajustez votre panier.`,
  },
  /**
   * An idempotency key that already placed an order for another cart (422,
   * as the IETF idempotency-key draft says); the checkout form then forgets
   * its used token, so the re-shown cart carries a new one.
   */
  checkoutKeyReused: {
    kind: 'invalid',
    en: ({ orderId }: { orderId: number }) =>
      `This checkout was already placed as order #${orderId}, and your cart has changed since. Nothing new was ordered: check your cart and check out again.`,
    fr: ({ orderId }: { orderId: number }) =>
      `Cette commande a déjà été passée (commande n° ${orderId}) et votre panier a changé depuis. Rien de nouveau n’a été commandé : vérifiez votre panier et validez-le à nouveau.`,
  },
  /** The owner's and an admin's only: anyone else gets the same answer as for no order at all. */
  unknownOrder: {
    kind: 'not_found',
    en: () => 'There is no such order.',
    fr: () => 'Cette commande n’existe pas.',
  },
});

import { defineMessages } from '../../i18n/localized.js';
import { defineErrors, defineTexts } from '../../shared/domain-error.js';

export const adminMessages = defineMessages({
  en: {
    title: 'Manage the monsters',
    newMonster: 'Add a monster',
    newTitle: 'New monster',
    editTitle: (name: string) => `Edit ${name}`,
    deleteTitle: (name: string) => `Delete ${name}?`,
    deleteWarning:
      'The monster leaves the catalogue and the carts that hold it. Past orders keep their lines (name and price at the time).',
    confirmDelete: 'Yes, delete it',
    cancel: 'Cancel',
    edit: 'Edit',
    delete: 'Delete',
    view: 'View',
    search: 'Search the catalogue',
    actions: 'Actions',
    save: 'Save',
    create: 'Create the monster',
    fields: {
      id: 'Id',
      name: 'Name',
      height: 'Height (cm)',
      category: 'Category',
      categoryHint: 'Lower-case letters, digits and dashes, e.g. "cryptid".',
      description: 'Description',
      price: 'Price (€)',
      priceHint: 'In euros, e.g. 12.50',
      stock: 'Stock',
      image: 'Picture',
      imageHint: (megabytes: number) =>
        `PNG, JPEG or WebP, ${megabytes} MB at most. Leave empty to keep the current picture.`,
      currentImage: 'Current picture',
    },
    created: (name: string) => `${name} joined the catalogue.`,
    updated: (name: string) => `${name} is updated.`,
    deleted: (name: string) => `${name} was deleted.`,
  },
  fr: {
    title: 'Gérer les monstres',
    newMonster: 'Ajouter un monstre',
    newTitle: 'Nouveau monstre',
    editTitle: (name) => `Modifier ${name}`,
    deleteTitle: (name) => `Supprimer ${name} ?`,
    deleteWarning:
      'Le monstre quitte le catalogue et les paniers qui le contiennent. Les commandes passées gardent leurs lignes (nom et prix de l’époque).',
    confirmDelete: 'Oui, le supprimer',
    cancel: 'Annuler',
    edit: 'Modifier',
    delete: 'Supprimer',
    view: 'Voir',
    search: 'Rechercher dans le catalogue',
    actions: 'Actions',
    save: 'Enregistrer',
    create: 'Créer le monstre',
    fields: {
      id: 'N°',
      name: 'Nom',
      height: 'Taille (cm)',
      category: 'Catégorie',
      categoryHint: 'Lettres minuscules, chiffres et tirets, par exemple « cryptid ».',
      description: 'Description',
      price: 'Prix (€)',
      priceHint: 'En euros, par exemple 12,50',
      stock: 'Stock',
      image: 'Image',
      imageHint: (megabytes) =>
        `PNG, JPEG ou WebP, ${megabytes} Mo au plus. Laissez vide pour garder l’image actuelle.`,
      currentImage: 'Image actuelle',
    },
    created: (name) => `${name} rejoint le catalogue.`,
    updated: (name) => `${name} est à jour.`,
    deleted: (name) => `${name} a été supprimé.`,
  },
});

/** What the catalogue's management refuses; nothing is saved when it does. */
export const adminErrors = defineErrors('admin', {
  unknownMonster: {
    kind: 'not_found',
    en: () => 'This monster does not exist (any more).',
    fr: () => 'Ce monstre n’existe pas (ou plus).',
  },
  notAPicture: {
    kind: 'invalid',
    en: () => 'Choose a PNG, JPEG or WebP picture (SVG and other files are not accepted).',
    fr: () => 'Choisissez une image PNG, JPEG ou WebP (SVG et autres fichiers refusés).',
  },
  pictureTooLarge: {
    kind: 'too_large',
    en: ({ megabytes }: { megabytes: number }) =>
      `This picture is larger than ${megabytes} MB: choose a smaller PNG, JPEG or WebP file.`,
    fr: ({ megabytes }: { megabytes: number }) =>
      `Cette image dépasse ${megabytes} Mo : choisissez un fichier PNG, JPEG ou WebP plus léger.`,
  },
});

/** The admin forms' refusals at the HTTP level: a body the shop will not or cannot read. */
export const adminHttpTexts = defineTexts('admin', {
  lengthRequired: {
    en: 'Send the form with a Content-Length header, as browsers do.',
    fr: 'Envoyez le formulaire avec un en-tête Content-Length, comme le font les navigateurs.',
  },
  malformedForm: {
    en: 'The form data could not be read (malformed multipart body).',
    fr: 'Les données du formulaire sont illisibles (corps multipart mal formé).',
  },
});

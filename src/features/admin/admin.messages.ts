import { formatNumber, formatPrice, type Lang } from '../../i18n/i18n.js';
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
      chooseCategory: 'Choose a category',
      newCategoryChoice: 'New category…',
      newCategory: 'New category',
      newCategoryHint: 'Fill these in only with “New category…” chosen above.',
      newCategorySlug: 'Slug',
      newCategorySlugHint:
        'Lower-case letters without accents, digits and dashes, e.g. “sea-serpent”: the same in both languages, in the category’s links.',
      newCategoryNameEn: 'Name in English',
      newCategoryNameFr: 'Name in French',
      description: 'Description (English)',
      descriptionFr: 'Description (French)',
      descriptionFrHint: 'Left empty, French readers see the English one.',
      price: 'Price (€)',
      priceHint: 'In euros, e.g. 12.50',
      stock: 'Stock',
      image: 'Picture',
      imageHint: (megabytes: number) => `PNG, JPEG or WebP, ${megabytes} MB at most.`,
      keepImageHint: 'Leave empty to keep the current picture.',
      currentImage: 'Current picture',
      removeImage: 'Remove the current picture',
    },
    deleteMonster: (name: string) => `Delete ${name}…`,
    noMatch: (q: string) => `No monster matches “${q}”.`,
    noMonster: 'The catalogue holds no monster yet.',
    clearSearch: 'Clear the search',
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
      chooseCategory: 'Choisissez une catégorie',
      newCategoryChoice: 'Nouvelle catégorie…',
      newCategory: 'Nouvelle catégorie',
      newCategoryHint: 'À remplir seulement si « Nouvelle catégorie… » est choisie ci-dessus.',
      newCategorySlug: 'Identifiant',
      newCategorySlugHint:
        'Lettres minuscules sans accent, chiffres et tirets, par exemple « serpent-de-mer » : le même dans les deux langues, dans les liens de la catégorie.',
      newCategoryNameEn: 'Nom en anglais',
      newCategoryNameFr: 'Nom en français',
      description: 'Description (anglais)',
      descriptionFr: 'Description (français)',
      descriptionFrHint: 'Laissée vide, les lecteurs francophones voient celle en anglais.',
      price: 'Prix (€)',
      priceHint: 'En euros, par exemple 12,50',
      stock: 'Stock',
      image: 'Image',
      imageHint: (megabytes) => `PNG, JPEG ou WebP, ${megabytes} Mo au plus.`,
      keepImageHint: 'Laissez vide pour garder l’image actuelle.',
      currentImage: 'Image actuelle',
      removeImage: 'Retirer l’image actuelle',
    },
    deleteMonster: (name) => `Supprimer ${name}…`,
    noMatch: (q) => `Aucun monstre ne correspond à « ${q} ».`,
    noMonster: 'Le catalogue ne compte encore aucun monstre.',
    clearSearch: 'Effacer la recherche',
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
  unknownCategory: {
    kind: 'invalid',
    en: ({ slug, known }: { slug: string; known: readonly string[] }) =>
      `There is no category “${slug}”. Known categories: ${known.join(', ')}.`,
    fr: ({ slug, known }: { slug: string; known: readonly string[] }) =>
      `La catégorie « ${slug} » n’existe pas. Catégories connues : ${known.join(', ')}.`,
  },
  categoryExists: {
    kind: 'conflict',
    en: ({ slug }: { slug: string }) =>
      `The category “${slug}” already exists: choose it in the list.`,
    fr: ({ slug }: { slug: string }) =>
      `La catégorie « ${slug} » existe déjà : choisissez-la dans la liste.`,
  },
  categoryNameTaken: {
    kind: 'conflict',
    en: ({ name }: { name: string }) =>
      `The category “${name}” already has this name: choose it in the list.`,
    fr: ({ name }: { name: string }) =>
      `La catégorie « ${name} » porte déjà ce nom : choisissez-la dans la liste.`,
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

const range = (min: number, max: number, lang: Lang) =>
  `${formatNumber(min, lang)} ${lang === 'en' ? 'to' : 'à'} ${formatNumber(max, lang)}`;

/**
 * What to type in a refused field of the monster form: one plain sentence
 * per field, whatever rule the value broke (the generic wording of a
 * schema, "not in the expected format", tells an administrator nothing).
 */
export const monsterFieldErrors = defineErrors('admin.field', {
  name: {
    kind: 'bad_request',
    en: () => 'Enter the monster’s name.',
    fr: () => 'Saisissez le nom du monstre.',
  },
  tooLong: {
    kind: 'bad_request',
    en: ({ max }: { max: number }) => `Use at most ${formatNumber(max, 'en')} characters.`,
    fr: ({ max }: { max: number }) => `Utilisez au plus ${formatNumber(max, 'fr')} caractères.`,
  },
  noControl: {
    kind: 'bad_request',
    en: () => 'Remove the invisible control characters (tabs, line breaks…).',
    fr: () => 'Retirez les caractères de contrôle invisibles (tabulations, retours à la ligne…).',
  },
  descriptionControl: {
    kind: 'bad_request',
    en: () => 'Remove the invisible control characters (line breaks and tabs are fine).',
    fr: () =>
      'Retirez les caractères de contrôle invisibles (retours à la ligne et tabulations permis).',
  },
  height: {
    kind: 'bad_request',
    en: ({ min, max }: { min: number; max: number }) =>
      `Enter the height in centimetres, a whole number from ${range(min, max, 'en')}.`,
    fr: ({ min, max }: { min: number; max: number }) =>
      `Saisissez la taille en centimètres, un nombre entier de ${range(min, max, 'fr')}.`,
  },
  stock: {
    kind: 'bad_request',
    en: ({ min, max }: { min: number; max: number }) =>
      `Enter the stock, a whole number from ${range(min, max, 'en')}.`,
    fr: ({ min, max }: { min: number; max: number }) =>
      `Saisissez le stock, un nombre entier de ${range(min, max, 'fr')}.`,
  },
  price: {
    kind: 'bad_request',
    en: () => 'Enter a price in euros, like 12.50.',
    fr: () => 'Saisissez un prix en euros, comme 12,50.',
  },
  priceTooHigh: {
    kind: 'bad_request',
    en: ({ maxCents }: { maxCents: number }) =>
      `Enter a price of at most ${formatPrice(maxCents, 'en')}.`,
    fr: ({ maxCents }: { maxCents: number }) =>
      `Saisissez un prix de ${formatPrice(maxCents, 'fr')} au plus.`,
  },
  category: {
    kind: 'bad_request',
    en: () => 'Choose a category in the list, or “New category”.',
    fr: () => 'Choisissez une catégorie dans la liste, ou « Nouvelle catégorie ».',
  },
  newCategoryNotChosen: {
    kind: 'bad_request',
    en: () =>
      'To create the category typed below, choose “New category…” here (or empty its fields).',
    fr: () =>
      'Pour créer la catégorie saisie plus bas, choisissez ici « Nouvelle catégorie… » (ou videz ses champs).',
  },
  newCategorySlug: {
    kind: 'bad_request',
    en: () => 'Use lower-case letters without accents, digits and dashes, like “sea-serpent”.',
    fr: () =>
      'Utilisez des lettres minuscules sans accent, des chiffres et des tirets, comme « serpent-de-mer ».',
  },
  newCategoryNameEn: {
    kind: 'bad_request',
    en: () => 'Enter the category’s name in English.',
    fr: () => 'Saisissez le nom de la catégorie en anglais.',
  },
  newCategoryNameFr: {
    kind: 'bad_request',
    en: () => 'Enter the category’s name in French.',
    fr: () => 'Saisissez le nom de la catégorie en français.',
  },
  chooseImageAgain: {
    kind: 'bad_request',
    en: () => 'Your picture was not saved with the refused form: choose it again.',
    fr: () =>
      'Votre image n’a pas été enregistrée avec le formulaire refusé : choisissez-la à nouveau.',
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

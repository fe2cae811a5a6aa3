/**
 * Demo catalogue used to seed a fresh database.
 *
 * Ids 1, 2 and 666 and the spelling of their names and categories (including
 * the course's "curcubitaceous") are fixed by the course and must not change.
 * Every `image` points at a hand-drawn SVG under `static/img/monsters/`, named
 * after the monster: accents stripped, lower-cased, every run of other
 * characters turned into a single hyphen.
 */

export interface DemoMonster {
  readonly id: number;
  /** 1–100 characters. */
  readonly name: string;
  /** Integer, in centimetres, >= 0. */
  readonly height: number;
  /** Slug: [a-z0-9-]+. */
  readonly category: string;
  /** 1–3 English sentences. */
  readonly description: string;
  /** The same in French, written for French shoppers rather than translated word for word. */
  readonly descriptionFr: string;
  /** Integer, in cents, >= 0. */
  readonly priceCents: number;
  /** Integer, >= 0. */
  readonly stock: number;
  /** URL path of its picture: `/static/img/monsters/<file>.svg`. */
  readonly image: string;
}

export const demoMonsters: readonly DemoMonster[] = [
  {
    id: 1,
    name: 'Cthulhu',
    height: 47,
    category: 'cosmic',
    description:
      'Sleeps at the bottom of the Pacific and dreams in tentacles. This cuddly-sized edition fits on any bookshelf and only whispers on Tuesdays.',
    descriptionFr:
      'Il sommeille au fond du Pacifique et rêve en tentacules. Cette édition format doudou trouve sa place sur n’importe quelle étagère et ne chuchote que le mardi.',
    priceCents: 4700,
    stock: 12,
    image: '/static/img/monsters/cthulhu.svg',
  },
  {
    id: 2,
    name: 'Nyarlathotep',
    height: 100,
    category: 'cosmic',
    description:
      'The Crawling Chaos in a very fashionable hooded robe. Has a thousand faces but always forgets which one it wore to the party.',
    descriptionFr:
      'Le Chaos rampant, drapé dans une robe à capuche du dernier chic. Il a mille visages, mais ne se souvient jamais duquel il portait à la soirée.',
    priceCents: 66600,
    stock: 1,
    image: '/static/img/monsters/nyarlathotep.svg',
  },
  {
    id: 3,
    name: 'La Bête du Gévaudan',
    height: 170,
    category: 'folklore',
    description:
      'A mysterious wolf-like beast that roamed the hills of Gévaudan in the 1760s. It has since retired and now mostly chases butterflies across the Margeride plateau.',
    descriptionFr:
      'Cette mystérieuse bête aux allures de loup a semé la terreur dans les monts du Gévaudan vers 1760. Aujourd’hui retraitée, elle passe ses journées à courser les papillons sur le plateau de la Margeride.',
    priceCents: 17640,
    stock: 3,
    image: '/static/img/monsters/la-bete-du-gevaudan.svg',
  },
  {
    id: 4,
    name: 'La Dame Blanche',
    height: 168,
    category: 'folklore',
    description:
      'A pale lady in a flowing white gown who waits by moonlit roads, hoping someone will give her a lift. She is an excellent navigator and never asks to change the radio.',
    descriptionFr:
      'Drapée dans une longue robe blanche, elle attend au bord des routes, les soirs de lune, qu’un automobiliste veuille bien la prendre en stop. Copilote hors pair, elle ne touche jamais à l’autoradio.',
    priceCents: 8900,
    stock: 7,
    image: '/static/img/monsters/la-dame-blanche.svg',
  },
  {
    id: 5,
    name: 'Le Loup-Garou',
    height: 210,
    category: 'folklore',
    description:
      'By day a shy baker, by night a shaggy wolf prowling the misty Chaîne des Puys. The croissants are still delivered on time, only slightly nibbled.',
    descriptionFr:
      'Boulanger timide le jour, loup hirsute la nuit, il rôde dans les brumes de la Chaîne des Puys. Les croissants arrivent toujours à l’heure, à peine grignotés.',
    priceCents: 12500,
    stock: 5,
    image: '/static/img/monsters/le-loup-garou.svg',
  },
  {
    id: 6,
    name: 'Azathoth',
    height: 120000,
    category: 'cosmic',
    description:
      'A blind, bubbling idiot god at the centre of the universe, lulled to sleep by cosmic flute players. Sold out until the stars are right again.',
    descriptionFr:
      'Dieu aveugle et bouillonnant tapi au cœur de l’univers, bercé par des joueurs de flûte cosmiques. En rupture de stock jusqu’à ce que les étoiles soient de nouveau favorables.',
    priceCents: 66000,
    stock: 0,
    image: '/static/img/monsters/azathoth.svg',
  },
  {
    id: 7,
    name: 'Dagon',
    height: 640,
    category: 'cosmic',
    description:
      'A towering fish-person who rules a sunken city and collects seashells with great dignity. Please keep him in a bathtub with a view.',
    descriptionFr:
      'Un homme-poisson colossal qui règne sur une cité engloutie et collectionne les coquillages avec une grande dignité. Prévoyez-lui une baignoire avec vue.',
    priceCents: 23900,
    stock: 4,
    image: '/static/img/monsters/dagon.svg',
  },
  {
    id: 8,
    name: 'Count Dracula',
    height: 188,
    category: 'undead',
    description:
      'An elegant Transylvanian aristocrat with a cape, impeccable manners and a strict no-garlic diet. Ships in a velvet-lined coffin, to be opened after sunset only.',
    descriptionFr:
      'Aristocrate transylvanien à la cape impeccable et aux manières exquises, au régime strictement sans ail. Livré dans un cercueil capitonné de velours, à n’ouvrir qu’après le coucher du soleil.',
    priceCents: 19900,
    stock: 8,
    image: '/static/img/monsters/count-dracula.svg',
  },
  {
    id: 9,
    name: 'The Mummy',
    height: 165,
    category: 'undead',
    description:
      'Wrapped in three thousand years of linen and a little bit of sticky tape. Shuffles slowly but never loses at hide-and-seek inside a pyramid.',
    descriptionFr:
      'Emmaillotée dans trois mille ans de lin et un soupçon de ruban adhésif. Elle avance à petits pas, mais reste imbattable à cache-cache dans une pyramide.',
    priceCents: 14500,
    stock: 9,
    image: '/static/img/monsters/the-mummy.svg',
  },
  {
    id: 10,
    name: "Frankenstein's Monster",
    height: 244,
    category: 'undead',
    description:
      'Assembled in a castle laboratory during a thunderstorm, with bolts in the neck as standard. Gentle, well-read and terrified of fire.',
    descriptionFr:
      'Assemblé un soir d’orage dans le laboratoire d’un château, boulons dans le cou fournis de série. Doux, cultivé, et terrifié par le feu.',
    priceCents: 21000,
    stock: 2,
    image: '/static/img/monsters/frankenstein-s-monster.svg',
  },
  {
    id: 11,
    name: 'Shambling Zombie',
    height: 172,
    category: 'undead',
    description:
      'Rises from the garden every full moon to ask for brains, or failing that, a nice bowl of porridge. Comes with a spare arm.',
    descriptionFr:
      'Il surgit du potager chaque nuit de pleine lune pour réclamer des cervelles ou, à défaut, une bonne assiette de soupe. Livré avec un bras de rechange.',
    priceCents: 999,
    stock: 50,
    image: '/static/img/monsters/shambling-zombie.svg',
  },
  {
    id: 12,
    name: 'Mr. Bones',
    height: 180,
    category: 'undead',
    description:
      'A cheerful skeleton who plays the xylophone on his own ribs. Light, easy to store and guaranteed to rattle on command.',
    descriptionFr:
      'Un squelette jovial qui joue du xylophone sur ses propres côtes. Léger, facile à ranger et garanti cliquetant sur commande.',
    priceCents: 3333,
    stock: 30,
    image: '/static/img/monsters/mr-bones.svg',
  },
  {
    id: 13,
    name: 'Bigfoot',
    height: 260,
    category: 'cryptid',
    description:
      'A shy, hairy giant of the Pacific Northwest forests who is always slightly out of focus. Size 28 shoes not included.',
    descriptionFr:
      'Un grand timide tout poilu des forêts du nord-ouest américain, toujours un peu flou sur les photos. Chaussures pointure 62 non fournies.',
    priceCents: 15900,
    stock: 6,
    image: '/static/img/monsters/bigfoot.svg',
  },
  {
    id: 14,
    name: 'Loch Ness Monster',
    height: 1500,
    category: 'cryptid',
    description:
      'A long-necked lake dweller from the Scottish Highlands who loves posing for blurry photographs. Requires a very, very large aquarium.',
    descriptionFr:
      'Cette habitante au long cou d’un loch des Highlands adore poser pour des photos floues. Prévoir un très, très grand aquarium.',
    priceCents: 35000,
    stock: 2,
    image: '/static/img/monsters/loch-ness-monster.svg',
  },
  {
    id: 15,
    name: 'Chupacabra',
    height: 90,
    category: 'cryptid',
    description:
      'A spiny, red-eyed critter famous for scaring goats across the Americas. Secretly prefers mango smoothies.',
    descriptionFr:
      'Une petite bestiole épineuse aux yeux rouges, célèbre pour effrayer les chèvres d’un bout à l’autre des Amériques. En secret, elle raffole des smoothies à la mangue.',
    priceCents: 4999,
    stock: 14,
    image: '/static/img/monsters/chupacabra.svg',
  },
  {
    id: 16,
    name: 'Mothman',
    height: 210,
    category: 'cryptid',
    description:
      'A winged silhouette with glowing red eyes who haunts bridges in West Virginia. Strongly attracted to porch lights and good conversation.',
    descriptionFr:
      'Une silhouette ailée aux yeux rouges luisants qui hante les ponts de Virginie-Occidentale. Irrésistiblement attirée par les lampes de terrasse et les bonnes conversations.',
    priceCents: 13130,
    stock: 11,
    image: '/static/img/monsters/mothman.svg',
  },
  {
    id: 17,
    name: 'Yeti',
    height: 280,
    category: 'cryptid',
    description:
      'The Abominable Snowman of the Himalayas, who is actually very polite and makes excellent hot chocolate. Keep refrigerated.',
    descriptionFr:
      'L’abominable homme des neiges de l’Himalaya, en réalité d’une politesse exquise et champion du chocolat chaud. À conserver au réfrigérateur.',
    priceCents: 18800,
    stock: 0,
    image: '/static/img/monsters/yeti.svg',
  },
  {
    id: 18,
    name: 'Banshee',
    height: 160,
    category: 'spirit',
    description:
      'A wailing spirit from Irish legend with a voice that can shatter teacups at fifty paces. Earplugs are included in the box.',
    descriptionFr:
      'Un esprit hurleur échappé des légendes irlandaises, dont la voix fêle une tasse de thé à cinquante pas. Bouchons d’oreilles fournis dans la boîte.',
    priceCents: 7700,
    stock: 10,
    image: '/static/img/monsters/banshee.svg',
  },
  {
    id: 19,
    name: 'Poltergeist',
    height: 0,
    category: 'spirit',
    description:
      'An invisible, mischievous spirit that rearranges your furniture and hides your socks. Height unknown, since nobody has ever managed to measure it.',
    descriptionFr:
      'Un esprit invisible et farceur qui déplace vos meubles et fait disparaître vos chaussettes. Taille inconnue, personne n’ayant jamais réussi à le mesurer.',
    priceCents: 499,
    stock: 42,
    image: '/static/img/monsters/poltergeist.svg',
  },
  {
    id: 20,
    name: 'Headless Horseman',
    height: 240,
    category: 'spirit',
    description:
      'A galloping rider from Sleepy Hollow who is always looking for his head. Carries a glowing pumpkin in the meantime, which suits him rather well.',
    descriptionFr:
      'Un cavalier lancé au galop depuis Sleepy Hollow, toujours à la recherche de sa tête. En attendant, il porte une citrouille lumineuse, qui lui va d’ailleurs plutôt bien.',
    priceCents: 31300,
    stock: 1,
    image: '/static/img/monsters/headless-horseman.svg',
  },
  {
    id: 21,
    name: 'Kraken',
    height: 3000,
    category: 'beast',
    description:
      'A colossal sea creature that likes to give sailing ships an enthusiastic hug. Not suitable for bathtubs, paddling pools or small ponds.',
    descriptionFr:
      'Une créature marine colossale qui adore serrer les voiliers dans ses bras. Déconseillé en baignoire, en pataugeoire et dans les petits bassins.',
    priceCents: 54000,
    stock: 1,
    image: '/static/img/monsters/kraken.svg',
  },
  {
    id: 22,
    name: 'Basilisk',
    height: 900,
    category: 'beast',
    description:
      'The king of serpents, whose stare turns visitors into garden statues. Ships with a pair of mirrored sunglasses for the whole family.',
    descriptionFr:
      'Le roi des serpents, dont un seul regard change les visiteurs en nains de jardin. Livré avec des lunettes de soleil à verres miroir pour toute la famille.',
    priceCents: 27500,
    stock: 3,
    image: '/static/img/monsters/basilisk.svg',
  },
  {
    id: 23,
    name: 'Giant Spider',
    height: 150,
    category: 'beast',
    description:
      'Eight hairy legs, eight shiny eyes and a talent for knitting enormous webs. Keeps the house entirely free of flies.',
    descriptionFr:
      'Huit pattes velues, huit yeux brillants et un vrai don pour tricoter des toiles gigantesques. Plus une seule mouche dans la maison.',
    priceCents: 8800,
    stock: 20,
    image: '/static/img/monsters/giant-spider.svg',
  },
  {
    id: 24,
    name: 'Hydra',
    height: 1200,
    category: 'beast',
    description:
      'A many-headed swamp serpent that grows two new heads whenever it loses one. Birthday parties are very crowded.',
    descriptionFr:
      'Un serpent des marais à plusieurs têtes, qui en fait repousser deux chaque fois qu’il en perd une. Ses anniversaires affichent toujours complet.',
    priceCents: 42000,
    stock: 2,
    image: '/static/img/monsters/hydra.svg',
  },
  {
    id: 25,
    name: 'Gourdon the Squash Golem',
    height: 130,
    category: 'curcubitaceous',
    description:
      'A sturdy guardian carved from a giant butternut squash. Protects vegetable patches and smells faintly of autumn soup.',
    descriptionFr:
      'Un robuste gardien taillé dans une courge butternut géante. Il veille sur les potagers et sent vaguement la soupe d’automne.',
    priceCents: 2500,
    stock: 25,
    image: '/static/img/monsters/gourdon-the-squash-golem.svg',
  },
  {
    id: 26,
    name: 'The Pumpkin King',
    height: 200,
    category: 'curcubitaceous',
    description:
      'The crowned ruler of the pumpkin patch, who holds court every 31 October. His royal decrees are mostly about candy.',
    descriptionFr:
      'Le souverain couronné du carré de potirons, qui tient sa cour chaque 31 octobre. Ses décrets royaux portent surtout sur les bonbons.',
    priceCents: 9999,
    stock: 13,
    image: '/static/img/monsters/the-pumpkin-king.svg',
  },
  {
    id: 27,
    name: 'Zucchini Zombie',
    height: 35,
    category: 'curcubitaceous',
    description:
      'A stitched-up courgette that crawled out of the vegetable drawer. Surprisingly fast, and a little bit slimy.',
    descriptionFr:
      'Une courgette rafistolée, échappée du bac à légumes du réfrigérateur. Étonnamment rapide, et un tantinet visqueuse.',
    priceCents: 650,
    stock: 35,
    image: '/static/img/monsters/zucchini-zombie.svg',
  },
  {
    id: 28,
    name: "Le Fantôme de l'Opéra",
    height: 183,
    category: 'spirit',
    description:
      'A masked phantom who lives beneath the Palais Garnier and never misses a première. He sends a single red rose to every singer who hits the high notes.',
    descriptionFr:
      'Un fantôme masqué qui hante les sous-sols du palais Garnier et ne manque jamais une première. Il offre une rose rouge à chaque chanteuse qui décroche le contre-ut.',
    priceCents: 28900,
    stock: 4,
    image: '/static/img/monsters/le-fantome-de-l-opera.svg',
  },
  {
    id: 29,
    name: 'La Vouivre',
    height: 700,
    category: 'folklore',
    description:
      'A winged serpent from the Jura whose only eye is a glittering red gem. She removes it to bathe in the rivers, so keep an eye on your own.',
    descriptionFr:
      'Serpent ailé du Jura dont l’œil unique est une escarboucle étincelante. Elle l’ôte pour se baigner dans les rivières, alors gardez l’œil sur le vôtre.',
    priceCents: 33000,
    stock: 2,
    image: '/static/img/monsters/la-vouivre.svg',
  },
  {
    id: 30,
    name: 'La Tarasque',
    height: 600,
    category: 'folklore',
    description:
      'A shell-backed dragon from the banks of the Rhône, tamed long ago in the town of Tarascon. Now leads the summer parade and adores being tickled under the chin.',
    descriptionFr:
      'Cette créature à carapace des bords du Rhône fut domptée jadis à Tarascon. Elle ouvre aujourd’hui la fête de l’été et adore qu’on la chatouille sous le menton.',
    priceCents: 24500,
    stock: 6,
    image: '/static/img/monsters/la-tarasque.svg',
  },
  {
    id: 666,
    name: "Jack O'Lantern",
    height: 30,
    category: 'curcubitaceous',
    description:
      'A grinning carved pumpkin with a candle for a heart. Lights up porches every Halloween night and never, ever stops smiling.',
    descriptionFr:
      'Une citrouille sculptée au sourire jusqu’aux oreilles, avec une bougie en guise de cœur. Elle illumine les perrons chaque soir d’Halloween et ne cesse jamais, au grand jamais, de sourire.',
    priceCents: 666,
    stock: 31,
    image: '/static/img/monsters/jack-o-lantern.svg',
  },
];

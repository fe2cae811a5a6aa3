import type { NewMonsterRow } from '../tables.js';

/** Each word in English, and in French (an adjective: masculine, feminine). */
const MOODS: readonly (readonly [string, string, string])[] = [
  ['Gloomy', 'lugubre', 'lugubre'],
  ['Howling', 'hurlant', 'hurlante'],
  ['Spectral', 'spectral', 'spectrale'],
  ['Rotten', 'pourri', 'pourrie'],
  ['Grinning', 'ricanant', 'ricanante'],
  ['Hollow', 'creux', 'creuse'],
  ['Ancient', 'antique', 'antique'],
  ['Feral', 'sauvage', 'sauvage'],
  ['Velvet', 'de velours', 'de velours'],
  ['Eerie', 'inquiétant', 'inquiétante'],
  ['Crimson', 'pourpre', 'pourpre'],
  ['Silent', 'silencieux', 'silencieuse'],
];
/** A noun in English, and in French with its gender. */
const KINDS: readonly (readonly [string, string, 'm' | 'f'])[] = [
  ['Ghoul', 'goule', 'f'],
  ['Wraith', 'spectre', 'm'],
  ['Goblin', 'gobelin', 'm'],
  ['Banshee', 'banshee', 'f'],
  ['Golem', 'golem', 'm'],
  ['Imp', 'diablotin', 'm'],
  ['Lich', 'liche', 'f'],
  ['Kraken', 'kraken', 'm'],
  ['Gourd', 'calebasse', 'f'],
  ['Harpy', 'harpie', 'f'],
  ['Wendigo', 'wendigo', 'm'],
  ['Basilisk', 'basilic', 'm'],
];
/** A place in English, and in French with its definite article. */
const PLACES: readonly (readonly [string, string])[] = [
  ['Marsh', 'le marais'],
  ['Crypt', 'la crypte'],
  ['Attic', 'le grenier'],
  ['Bayou', 'le bayou'],
  ['Moor', 'la lande'],
  ['Catacomb', 'les catacombes'],
  ['Orchard', 'le verger'],
  ['Lighthouse', 'le phare'],
  ['Abbey', 'l’abbaye'],
  ['Forêt', 'la forêt'],
];
const CATEGORIES = ['undead', 'cryptid', 'spirit', 'beast', 'folklore', 'cosmic', 'curcubitaceous'];

/**
 * A deterministic made-up monster for `db seed --count N`: the same index
 * always gives the same row, so benchmarks over 100,000 monsters repeat.
 */
export function generatedMonster(index: number): NewMonsterRow {
  const [mood, moodMasculine, moodFeminine] = pick(MOODS, index);
  const [kind, kindFr, gender] = pick(KINDS, Math.floor(index / MOODS.length));
  const [place, placeFr] = pick(PLACES, Math.floor(index / 7));
  const [article, moodFr] = gender === 'f' ? ['Une', moodFeminine] : ['Un', moodMasculine];
  return {
    name: `${mood} ${kind} of the ${place} ${index + 1}`,
    height: 10 + ((index * 37) % 990),
    category: pick(CATEGORIES, index * 3),
    description: `A ${mood.toLowerCase()} ${kind.toLowerCase()} that haunts the ${place.toLowerCase()} after midnight.`,
    description_fr: `${article} ${kindFr} ${moodFr} qui hante ${placeFr} après minuit.`,
    price_cents: 299 + ((index * 1_733) % 20_000),
    stock: (index * 7) % 40,
    image: null,
  };
}

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

import type { NewMonsterRow } from '../tables.js';

const MOODS = [
  'Gloomy',
  'Howling',
  'Spectral',
  'Rotten',
  'Grinning',
  'Hollow',
  'Ancient',
  'Feral',
  'Velvet',
  'Eerie',
  'Crimson',
  'Silent',
];
const KINDS = [
  'Ghoul',
  'Wraith',
  'Goblin',
  'Banshee',
  'Golem',
  'Imp',
  'Lich',
  'Kraken',
  'Gourd',
  'Harpy',
  'Wendigo',
  'Basilisk',
];
const PLACES = [
  'Marsh',
  'Crypt',
  'Attic',
  'Bayou',
  'Moor',
  'Catacomb',
  'Orchard',
  'Lighthouse',
  'Abbey',
  'Forêt',
];
const CATEGORIES = ['undead', 'cryptid', 'spirit', 'beast', 'folklore', 'cosmic', 'curcubitaceous'];

/**
 * A deterministic made-up monster for `db seed --count N`: the same index
 * always gives the same row, so benchmarks over 100,000 monsters repeat.
 */
export function generatedMonster(index: number): NewMonsterRow {
  const mood = pick(MOODS, index);
  const kind = pick(KINDS, Math.floor(index / MOODS.length));
  const place = pick(PLACES, Math.floor(index / 7));
  return {
    name: `${mood} ${kind} of the ${place} ${index + 1}`,
    height: 10 + ((index * 37) % 990),
    category: pick(CATEGORIES, index * 3),
    description: `A ${mood.toLowerCase()} ${kind.toLowerCase()} that haunts the ${place.toLowerCase()} after midnight.`,
    price_cents: 299 + ((index * 1_733) % 20_000),
    stock: (index * 7) % 40,
    image: null,
  };
}

function pick<T>(items: readonly T[], index: number): T {
  return items[index % items.length] as T;
}

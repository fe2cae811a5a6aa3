// Removes the compiled modules of dist/ before a build so a renamed or deleted
// source file never survives as a stale compiled module. dist/bundle/ stays:
// a running server (and the workers a cluster restarts) loads it from there,
// and scripts/bundle.mjs replaces its files in place.
import { readdirSync, rmSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url);
const kept = new Set(['bundle']);

let entries = [];
try {
  entries = readdirSync(dist);
} catch (error) {
  if (error.code !== 'ENOENT') throw error;
}
for (const entry of entries) {
  if (!kept.has(entry)) rmSync(new URL(entry, dist), { recursive: true, force: true });
}

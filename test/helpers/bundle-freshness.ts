// The definition lives in scripts/ so that `npm start` (which runs without tsx) uses it too.
export { bundleStaleness } from '../../scripts/bundle-freshness.mjs';

/** What the bundle leaves out: see bundle-externals.mjs. */
export declare const BUNDLE_EXTERNALS: readonly string[];

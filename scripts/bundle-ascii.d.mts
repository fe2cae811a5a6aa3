/** The same JavaScript with every non-ASCII character escaped: see bundle-ascii.mjs. */
export declare function asciiSource(text: string): string;

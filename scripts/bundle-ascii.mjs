// V8 keeps a module's source text in memory for as long as the module lives
// (lazy compilation reparses it). A text with one character above U+00FF is
// stored two bytes per character: esbuild escapes strings and identifiers,
// not comments or regular expressions, and a few dependencies have dashes or
// other punctuation there, which doubled the bundle's 3.5 MB in the heap.

/**
 * The same JavaScript with every character above U+007F written as a `\uXXXX`
 * escape of its UTF-16 code units, which means the same character wherever
 * esbuild leaves one: in a comment, a string, a template or a regular
 * expression (with or without the `u` flag). A character already escaped
 * (`\—`, the same as `—`) loses that backslash, which would escape ours.
 */
export function asciiSource(text) {
  return text.replace(/(\\*)([^\0-\x7F])/g, (_, backslashes, char) => {
    const kept = backslashes.length % 2 === 1 ? backslashes.slice(1) : backslashes;
    return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

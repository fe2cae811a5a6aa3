const ENTITIES: Readonly<Record<string, string>> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&amp;': '&',
};

function decodeEntities(text: string): string {
  return text.replace(/&(?:lt|gt|quot|amp|#39|#x27);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * The value a rendered form shows in its field `name` (an input's `value`
 * or a textarea's text), entities decoded; undefined when there is no such field.
 */
export function shownValue(html: string, name: string): string | undefined {
  const textarea = new RegExp(`<textarea[^>]*\\sname="${name}"[^>]*>([^<]*)</textarea>`).exec(html);
  if (textarea) return decodeEntities(textarea[1] ?? '');
  // Attribute values may hold a raw `>`: read the tag attribute by attribute.
  for (const [tag] of html.matchAll(/<input(?:\s+[^\s=>]+(?:="[^"]*")?)*\s*\/?>/g)) {
    if (!tag.includes(` name="${name}"`)) continue;
    return decodeEntities(/\svalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  return undefined;
}

import type { Static, TSchema } from 'typebox';
import { readForm } from '../../plugins/read-form.js';
import type { Translatable } from '../../shared/domain-error.js';

/** A query parameter a page could not use, and what it said (every value, when repeated). */
export interface IgnoredParameter {
  readonly name: string;
  readonly typed: string;
  /** What the schema said of it, for a page that shows it beside its own field. */
  readonly reason?: Translatable | undefined;
}

export interface PageQuery<T> {
  /** The parameters that could be used, the defaults in place of the others. */
  readonly value: T;
  readonly ignored: readonly IgnoredParameter[];
}

/** The query string of a request URL, each name with every value it was given. */
export function queryFieldsOf(url: string): Record<string, string[]> {
  const start = url.indexOf('?');
  const fields: Record<string, string[]> = {};
  if (start === -1) return fields;
  for (const [name, value] of new URLSearchParams(url.slice(start + 1))) {
    if (Object.hasOwn(fields, name)) fields[name]?.push(value);
    else fields[name] = [value];
  }
  return fields;
}

const withoutFields = (fields: Record<string, string[]>, names: readonly string[]) =>
  Object.fromEntries(Object.entries(fields).filter(([name]) => !names.includes(name)));

/**
 * A list page's query read against the same schema as the JSON answer, but
 * forgiving: a browser that followed a bad link gets the page with the
 * defaults in place of what could not be used, and is told what that was
 * (a JSON client gets the 400 problem instead). Unknown names are ignored.
 */
export function readPageQuery<S extends TSchema>(schema: S, url: string): PageQuery<Static<S>> {
  const fields = queryFieldsOf(url);
  const read = readForm(schema, fields);
  if (read.ok) return { value: read.value, ignored: [] };
  const refused = Object.keys(read.error.fields).filter((name) => Object.hasOwn(fields, name));
  const kept = readForm(schema, withoutFields(fields, refused));
  // Every refused field is gone and the others were valid: only a schema with required fields fails here.
  if (!kept.ok) throw kept.error;
  return {
    value: kept.value,
    ignored: refused.map((name) => ({
      name,
      typed: (fields[name] ?? []).join(', '),
      reason: read.error.fields[name],
    })),
  };
}

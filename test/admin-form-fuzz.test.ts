import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { testEngines } from './helpers/databases.js';
import {
  ALL_VALUES,
  type Expected,
  type FieldFuzz,
  type FieldValue,
  hasControl,
  redirect,
  runFuzz,
  submitMultipart,
} from './helpers/fuzz-inputs.js';
import type { TestClient } from './helpers/http-client.js';
import { TINY_PNG, type UploadFile } from './helpers/multipart.js';
import { signedInClient } from './helpers/sign-in.js';
import { buildTestApp } from './helpers/test-app.js';

const VALID_FORM = {
  name: 'Mothra',
  height: '500',
  category: 'cryptid',
  description: 'A gentle giant moth.',
  description_fr: 'Une gentille mite géante.',
  price: '12,50',
  stock: '4',
};
/** The demo catalogue's categories: the only slugs the picker offers before any is created. */
const KNOWN_CATEGORIES = new Set([
  'beast',
  'cosmic',
  'cryptid',
  'curcubitaceous',
  'folklore',
  'spirit',
  'undead',
]);
const isSlug = (text: string) => /^[a-z0-9-]{1,50}$/.test(text);
/** A new category's slug also begins and ends with a letter or a digit. */
const isNewSlug = (text: string) => /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/.test(text);
/** A category name as the shop compares names: case and accents aside. */
const comparableName = (name: string) =>
  name.normalize('NFD').replaceAll(/\p{M}/gu, '').toLocaleLowerCase('en').trim();
type MonsterField = keyof typeof VALID_FORM;

/** A whole number as readForm reads it (digits, a sign, spaces around), within [0, max]. */
function integerUpTo(text: string, max: number): boolean {
  const trimmed = text.trim();
  return /^[+-]?\d+$/.test(trimmed) && Number(trimmed) >= 0 && Number(trimmed) <= max;
}

/** The admin form's rules, as the catalogue contract states them (text is trimmed first). */
const VALID: Readonly<Record<MonsterField, (text: string) => boolean>> = {
  name: (text) => {
    const name = text.trim();
    return name.length >= 1 && name.length <= 100 && !hasControl(name, false);
  },
  height: (text) => integerUpTo(text, 10_000_000),
  category: (text) => KNOWN_CATEGORIES.has(text.trim()),
  description: (text) => text.trim().length <= 5000 && !hasControl(text.trim(), true),
  description_fr: (text) => text.trim().length <= 5000 && !hasControl(text.trim(), true),
  price: (text) => {
    const match = /^(\d{1,9})(?:[.,](\d{1,2}))?$/.exec(text.trim());
    if (!match) return false;
    return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) <= 100_000_000;
  },
  stock: (text) => integerUpTo(text, 1_000_000),
};

const MORE_NUMBERS = ['10000000', '10000001', '12.5', '12,505', '1,000', '1000000', '1000001'];

/** A multipart form sends bytes as they are: a malformed escape is just text there. */
const asMultipartText = (value: FieldValue) => (typeof value === 'string' ? value : value.raw);

function monsterFormFuzzes(admin: TestClient): FieldFuzz[] {
  const forms = [
    { form: 'create', page: '/admin/monsters/new', action: '/admin/monsters' },
    { form: 'edit', page: '/admin/monsters/1/edit', action: '/admin/monsters/1' },
  ];
  return forms.flatMap(({ form, page, action }) =>
    (Object.keys(VALID_FORM) as MonsterField[]).map(
      (field): FieldFuzz => ({
        name: `admin ${form} ${field}`,
        values: [...ALL_VALUES, ...MORE_NUMBERS].map(asMultipartText),
        send: (value) =>
          submitMultipart(admin, page, action, { ...VALID_FORM, [field]: asMultipartText(value) }),
        expect: (text): Expected => {
          if (VALID[field](text)) return redirect('/admin/monsters');
          // A well-formed slug that names no category: refused, never created.
          return field === 'category' && isSlug(text.trim()) ? { status: 422 } : { status: 400 };
        },
      }),
    ),
  );
}

const categoryName = (text: string) => {
  const name = text.trim();
  return name.length >= 1 && name.length <= 100 && !hasControl(name, false);
};

/** "New category…" with its slug and both names: created with the monster, or refused whole. */
function newCategoryFuzzes(admin: TestClient): FieldFuzz[] {
  const created = new Set(KNOWN_CATEGORIES);
  let sent = 0;
  // Each category its own names: a name another category has is refused (409).
  const send = (fields: Record<string, string>) => {
    const n = sent++;
    return submitMultipart(admin, '/admin/monsters/new', '/admin/monsters', {
      ...VALID_FORM,
      category: '_new',
      new_category_slug: `fuzzed-${n}`,
      new_category_name_en: `Fuzzed ${n}`,
      new_category_name_fr: `Essai ${n}`,
      ...fields,
    });
  };
  const nameFuzz = (field: string): FieldFuzz => {
    const taken = new Set<string>();
    return {
      name: `admin new category ${field}`,
      values: ALL_VALUES.map(asMultipartText),
      send: (value) => send({ [field]: asMultipartText(value) }),
      expect: (text): Expected => {
        if (!categoryName(text)) return { status: 400 };
        if (taken.has(comparableName(text))) return { status: 409 };
        taken.add(comparableName(text));
        return redirect('/admin/monsters');
      },
    };
  };
  return [
    {
      name: 'admin new category slug',
      values: ALL_VALUES.map(asMultipartText),
      send: (value) => send({ new_category_slug: asMultipartText(value) }),
      expect: (text): Expected => {
        const slug = text.trim();
        if (!isNewSlug(slug)) return { status: 400 };
        if (created.has(slug)) return { status: 409 };
        created.add(slug);
        return redirect('/admin/monsters');
      },
    },
    nameFuzz('new_category_name_en'),
    nameFuzz('new_category_name_fr'),
  ];
}

const FILENAMES = [
  '',
  '../../etc/passwd',
  '..\\..\\boot.ini',
  'évil €.png',
  '<script>.png',
  'a\u0000b.png',
  `${'x'.repeat(300)}.png`,
  'noextension',
  'double.png.php',
  'quote"d.png',
  'line\r\nbreak.png',
  'semi;colon=x.png',
];
const CONTENT_TYPES = [
  'image/png',
  'text/html',
  'image/svg+xml',
  'application/x-php',
  'image/png; charset=utf-8',
  'nonsense',
];
const NOT_A_PICTURE = Buffer.from('<?php system($_GET["c"]); ?><script>alert(1)</script>');

/** The file decides by its content: names and announced types never matter. */
function pictureFuzzes(admin: TestClient): FieldFuzz[] {
  const upload = (file: UploadFile) =>
    submitMultipart(admin, '/admin/monsters/new', '/admin/monsters', VALID_FORM, file);
  return [
    {
      name: 'picture file name (a PNG)',
      values: FILENAMES,
      send: (filename) =>
        upload({
          field: 'image',
          filename: String(filename),
          contentType: 'image/png',
          content: TINY_PNG,
        }),
      expect: () => redirect('/admin/monsters'),
    },
    {
      name: 'picture content type (a PNG)',
      values: CONTENT_TYPES,
      send: (contentType) =>
        upload({
          field: 'image',
          filename: 'm.png',
          contentType: String(contentType),
          content: TINY_PNG,
        }),
      expect: () => redirect('/admin/monsters'),
    },
    {
      name: 'picture content type (not a picture)',
      values: CONTENT_TYPES,
      send: (contentType) =>
        upload({
          field: 'image',
          filename: 'm.png',
          contentType: String(contentType),
          content: NOT_A_PICTURE,
        }),
      expect: () => ({ status: 422 }),
    },
    {
      name: 'picture in another field',
      values: ['name', 'description', 'picture', '_csrf'],
      send: (field) =>
        upload({
          field: String(field),
          filename: 'm.png',
          contentType: 'image/png',
          content: TINY_PNG,
        }),
      // A file is no text: beside a field's typed text, the text counts (as the first value of
      // a field sent twice does); a file under an unknown name is ignored.
      expect: (field) => (field === '_csrf' ? { status: 403 } : redirect('/admin/monsters')),
    },
  ];
}

/** No input produces a 500 in the admin forms: multipart text fields, file names and types. */
for (const engine of testEngines()) {
  test(`nasty values in the admin forms get their exact answer on ${engine}`, async (t) => {
    const { app } = await buildTestApp(t, engine);
    const admin = await signedInAdmin(app);
    const mismatches = await runFuzz(app, [
      ...monsterFormFuzzes(admin),
      ...newCategoryFuzzes(admin),
      ...pictureFuzzes(admin),
    ]);
    assert.deepEqual(mismatches, []);
  });
}

async function signedInAdmin(app: FastifyInstance): Promise<TestClient> {
  const { client } = await signedInClient(app, { email: 'admin@example.com', role: 'admin' });
  return client;
}

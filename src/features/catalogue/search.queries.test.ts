import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testEngines } from '../../../test/helpers/databases.js';
import { buildTestApp } from '../../../test/helpers/test-app.js';
import { fts5Query, tsQuery } from './search.queries.js';

test('SQLite gets a quoted prefix query', () => {
  assert.equal(fts5Query(['bete', 'gev'], 'anywhere'), '"bete"* AND "gev"*');
  assert.equal(fts5Query(['bete'], 'nameExact'), 'name : "bete"');
  assert.equal(fts5Query(['bete', 'gev'], 'namePrefix'), 'name : "bete"* AND name : "gev"*');
});

if (testEngines().includes('postgres')) {
  test('PostgreSQL gets quoted prefix queries, folded before quoting', async (t) => {
    const { database } = await buildTestApp(t, 'postgres');
    const cases: [string[], Parameters<typeof tsQuery>[1], string][] = [
      [['bete', 'gev'], 'anywhere', "'bete':* & 'gev':*"],
      [['bete'], 'nameExact', "'bete':A"],
      [['bête'], 'namePrefix', "'bete':*A"],
      [['kaʼiulani'], 'anywhere', "'ka':* <-> 'iulani':*"],
      [['ŉ', 'o'], 'nameExact', "'n':A & 'o':A"],
      [['ʼ', 'o'], 'anywhere', "'o':*"],
    ];
    for (const [terms, match, expected] of cases) {
      const { rows } = await sql<{
        query: string;
      }>`select (${tsQuery(terms, match)})::text as query`.execute(database.handle.db);
      assert.equal(rows[0]?.query, expected, terms.join(' '));
    }
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pageWindow } from './pagination.js';

test('pageWindow shows the ends and the neighbourhood, with gaps', () => {
  assert.deepEqual(pageWindow(1, 1), [1]);
  assert.deepEqual(pageWindow(1, 5), [1, 2, 3, 4, 5]);
  assert.deepEqual(pageWindow(1, 10), [1, 2, 3, null, 10]);
  assert.deepEqual(pageWindow(6, 12), [1, null, 4, 5, 6, 7, 8, null, 12]);
  assert.deepEqual(pageWindow(4, 12), [1, 2, 3, 4, 5, 6, null, 12]);
  assert.deepEqual(pageWindow(12, 12), [1, null, 10, 11, 12]);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slugify } from '../src/index.js';

test('words are lower-cased and joined by dashes', () => {
  assert.equal(slugify('Hello, World!'), 'hello-world');
});

test('accents are dropped', () => {
  assert.equal(slugify('Crème brûlée'), 'creme-brulee');
});

test('a value that is not a string is refused', () => {
  assert.throws(() => slugify(42), TypeError);
});

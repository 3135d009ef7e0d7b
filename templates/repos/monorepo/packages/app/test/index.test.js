import assert from 'node:assert/strict';
import { test } from 'node:test';
import { message } from '../src/index.js';

test('the app uses the core package through the workspace', () => {
  assert.equal(message('Grace'), 'Hello, Grace!');
});

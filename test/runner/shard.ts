/**
 * One test process for several test files (started by test/run-tests.ts with
 * their paths as arguments). Each file is imported here: its top-level test()
 * calls join this process's single node:test run, which runs them one at a
 * time, in file order. The app's modules are loaded once for all the files.
 */
import { resolve } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) {
  try {
    await import(pathToFileURL(resolve(file)).href);
  } catch (error) {
    // A file that cannot load is a failing test under its own name; the other files still run.
    test(`${file} loads`, () => {
      throw error;
    });
  }
}

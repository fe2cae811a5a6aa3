import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainDriverBuild } from './sqlite-native.js';

// What better-sqlite3's loader throws when its native part was built by another Node.js.
function loaderError(builtFor: number): Error {
  return Object.assign(
    new Error(
      `The module '/srv/shop/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\nwas compiled against a different Node.js version using\nNODE_MODULE_VERSION ${builtFor}. This version of Node.js requires\nNODE_MODULE_VERSION ${process.versions.modules}. Please try re-compiling or re-installing\nthe module (for instance, using \`npm rebuild\` or \`npm install\`).`,
    ),
    { code: 'ERR_DLOPEN_FAILED' },
  );
}

test('a driver built for another Node.js is explained in one line, with the command that fixes it', () => {
  const explained = explainDriverBuild(loaderError(137));

  assert.ok(explained instanceof Error);
  assert.equal(explained.message.split('\n').length, 1);
  assert.match(
    explained.message,
    new RegExp(
      `compiled for another Node\\.js \\(module version 137; this is Node\\.js ${process.version.replaceAll('.', '\\.')}, version ${process.versions.modules}\\): run \`npm rebuild better-sqlite3(-node20)?\` with this Node\\.js$`,
    ),
  );
});

test('any other failure to open is left as it is', () => {
  const denied = Object.assign(new Error('unable to open database file'), {
    code: 'SQLITE_CANTOPEN',
  });
  assert.equal(explainDriverBuild(denied), denied);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import Fastify, { type FastifyReply } from 'fastify';
import { handlersSettled } from './helpers/running-handlers.js';
import { LogCollector } from './helpers/test-app.js';

/**
 * The pitfall every test now watches for: a reply is a thenable, so an async
 * function returning it resolves to `undefined` once the answer is sent, and
 * a fallback chained with `??` runs after the answer, answering again.
 */
test('a handler that answers after its answer was sent fails the test that made the request', async (t) => {
  const logs = new LogCollector();
  const app = Fastify({ logger: { level: 'warn', stream: logs } });
  t.after(() => app.close());
  const redirected = async (reply: FastifyReply) => reply.redirect('/elsewhere', 303);
  app.post('/refused', async (_request, reply) => (await redirected(reply)) ?? reply.send('again'));
  app.post('/once', async (_request, reply) => reply.redirect('/elsewhere', 303));

  for (const url of ['/refused', '/once']) {
    const answer = await app.inject({ method: 'POST', url });
    assert.equal(answer.statusCode, 303, 'the visitor sees the first answer only');
  }
  await handlersSettled(app);

  const flagged = logs.unexpectedErrors();
  assert.equal(flagged.length, 1, JSON.stringify(flagged));
  assert.match(String(flagged[0]?.msg), /Reply was already sent.*"\/refused"/);
});

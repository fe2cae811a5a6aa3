import type { FastifyServerOptions } from 'fastify';
import { destination } from 'pino';
import type { Config } from '../config/config.js';

/** A destination for JSON log lines, one `write` per line. */
export interface LogStream {
  write(line: string): void;
}

type NonBlockingOutput = ReturnType<typeof destination>;

/** The standard outputs this process logs to, to be finished by its graceful stop. */
const openOutputs = new Set<NonBlockingOutput>();

/**
 * Standard output, written without blocking the event loop: lines logged while
 * a write is under way go out together in the next one, so a busy server makes
 * one system call for many requests, and a quiet one writes each line at once
 * (docs/decisions/017).
 */
function standardOutput(): LogStream {
  const output = destination({ dest: 1, sync: false });
  openOutputs.add(output);
  return output;
}

/**
 * Writes every log line still waiting, then ends standard output: the last
 * step of a graceful stop, just before the process exits. pino's own flush
 * at exit writes the lines waiting but skips the write under way, which a
 * full pipe (a reader lagging behind) holds for a retry: that line was lost.
 */
export async function finishLogOutput(): Promise<void> {
  const outputs = [...openOutputs];
  openOutputs.clear();
  await Promise.all(outputs.map(finishOutput));
}

function finishOutput(output: NonBlockingOutput): Promise<void> {
  // pino drops an output whose reader went away (EPIPE) by replacing its methods.
  const dropped = output.end !== Object.getPrototypeOf(output).end;
  if (dropped) return Promise.resolve();
  return new Promise((resolve) => {
    output.once('close', resolve);
    output.end();
  });
}

/**
 * Structured JSON logs (pretty in debug mode). Request logs carry no headers
 * and no body; the keys that could hold a credential are redacted. Named
 * paths only: a wildcard (`*.password`) runs pino's redactor on every field of
 * every line, a third of the cost of a request's log line.
 */
export function loggerOptions(config: Config, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level: config.logLevel,
    ...((stream || !config.debug) && { stream: stream ?? standardOutput() }),
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'res.headers["set-cookie"]',
        'body',
        'password',
        'err.password',
        'err.rawPacket',
      ],
      censor: '[redacted]',
    },
    ...(config.debug &&
      !stream && {
        transport: {
          target: 'pino-pretty',
          options: { translateTime: 'HH:MM:ss.l', ignore: 'pid,hostname' },
        },
      }),
  };
}

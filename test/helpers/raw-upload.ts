import { connect } from 'node:net';
import { parseHttpHead } from './http-head.js';

export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** The body holds every byte its Content-Length announced. */
  readonly complete: boolean;
}

export interface RawUpload {
  readonly port: number;
  readonly method?: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** Send the body with `Transfer-Encoding: chunked` (one chunk) instead of a Content-Length. */
  readonly chunked?: boolean;
}

/**
 * Uploads a whole request the way a browser or `fetch` posting a form does:
 * no `Expect: 100-continue`, every byte written before the answer is read.
 * Settles with the parsed answer, or with the socket error that lost it
 * (`ECONNRESET`, `EPIPE`): a reset destroys an answer the client had not read yet.
 */
export function uploadThenRead(upload: RawUpload): Promise<RawAnswer | { error: string }> {
  const framing = upload.chunked
    ? { 'transfer-encoding': 'chunked' }
    : { 'content-length': String(upload.body.length) };
  const head = Object.entries({ host: `127.0.0.1:${upload.port}`, ...framing, ...upload.headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const body = upload.chunked
    ? Buffer.concat([
        Buffer.from(`${upload.body.length.toString(16)}\r\n`),
        upload.body,
        Buffer.from('\r\n0\r\n\r\n'),
      ])
    : upload.body;
  return new Promise((resolve) => {
    const socket = connect({ port: upload.port, host: '127.0.0.1' });
    // Read nothing until the upload is written, as a browser submitting a form does.
    socket.pause();
    const received: Buffer[] = [];
    const settle = (outcome: RawAnswer | { error: string }) => {
      resolve(outcome);
      socket.destroy();
    };
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const answer = parseAnswer(Buffer.concat(received));
      if ('complete' in answer && answer.complete) settle(answer);
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      settle({
        error: `${error.code ?? error.message} after ${Buffer.concat(received).length} bytes read`,
      }),
    );
    socket.on('end', () => settle(parseAnswer(Buffer.concat(received))));
    socket.write(`${upload.method ?? 'POST'} ${upload.path} HTTP/1.1\r\n${head}\r\n`);
    socket.write(body, (error) => {
      if (!error) socket.resume();
    });
  });
}

function parseAnswer(bytes: Buffer): RawAnswer | { error: string } {
  const head = parseHttpHead(bytes);
  if (head === undefined) return { error: `no complete answer (${bytes.length} bytes)` };
  const { status, headers, bodyStart } = head;
  const body = bytes.subarray(bodyStart);
  return {
    status,
    headers,
    body,
    complete: Number(headers['content-length']) === body.length,
  };
}

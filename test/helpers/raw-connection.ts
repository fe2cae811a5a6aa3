import { connect, type Socket } from 'node:net';
import { parseHttpHead } from './http-head.js';

export interface RawResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * One kept-alive HTTP/1.1 connection to a listening server, written to
 * directly: `send` writes the request before it returns, so requests sent
 * on several connections in one synchronous block all reach the server's
 * socket buffers before its event loop reads any of them, in that order
 * (what fetch and http.request, which write later, cannot promise).
 */
export class RawConnection {
  private buffered = Buffer.alloc(0);
  private pending: { resolve: (response: RawResponse) => void; reject: (error: Error) => void }[] =
    [];

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.deliver();
    });
    const failAll = (error: Error) => {
      for (const waiter of this.pending.splice(0)) waiter.reject(error);
    };
    socket.on('error', failAll);
    socket.on('close', () => failAll(new Error('connection closed before the response')));
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.off('error', reject);
        resolve(new RawConnection(socket));
      });
      socket.once('error', reject);
    });
  }

  /** Writes `GET path` now; resolves with its response. */
  send(path: string, headers: Readonly<Record<string, string>> = {}): Promise<RawResponse> {
    const lines = [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    const response = new Promise<RawResponse>((resolve, reject) => {
      this.pending.push({ resolve, reject });
    });
    this.socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    return response;
  }

  close(): void {
    this.socket.destroy();
  }

  /** Hands every complete response in the buffer to its waiter (Content-Length bodies only). */
  private deliver(): void {
    for (;;) {
      const head = parseHttpHead(this.buffered);
      if (head === undefined) return;
      const { status, headers, bodyStart } = head;
      const length = Number(headers['content-length'] ?? 0);
      if (this.buffered.length < bodyStart + length) return;
      const body = this.buffered.subarray(bodyStart, bodyStart + length).toString('utf8');
      this.buffered = this.buffered.subarray(bodyStart + length);
      this.pending.shift()?.resolve({ status, headers, body });
    }
  }
}

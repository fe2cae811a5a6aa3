/** The status line and headers of an HTTP/1.1 answer read off a raw socket. */
export interface HttpHead {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  /** Where the body starts in the bytes read. */
  readonly bodyStart: number;
}

/** The head at the start of `bytes`, or undefined until all of it has arrived. */
export function parseHttpHead(bytes: Buffer): HttpHead | undefined {
  const headEnd = bytes.indexOf('\r\n\r\n');
  if (headEnd === -1) return undefined;
  const [statusLine = '', ...lines] = bytes.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, bodyStart: headEnd + 4 };
}

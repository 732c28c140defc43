// Small HTTP helpers shared by the REST and Auth halves of the stand-in.
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A request body over the limit of the service it was sent to. readBody throws it only after the
 * rest of the body was read and dropped, so the 413 reaches the client (instead of a reset while
 * it is still sending) and a keep-alive connection stays usable for its next request.
 */
export class BodyTooLargeError extends Error {
  constructor(
    readonly limitBytes: number,
    /** The body went on past what we drain; the answer must close the connection. */
    readonly closeConnection: boolean,
  ) {
    super(`Request body too large (max ${limitBytes} bytes)`);
  }
}

// How much of an oversized body is read and dropped to keep the connection; beyond it the
// connection is closed after the 413 (Go's net/http gives up similarly, after 256 KB).
const maxDrainBytes = 64 * 1024 * 1024;

/** The whole body as UTF-8 text (invalid bytes become U+FFFD), or BodyTooLargeError. */
export async function readBody(req: IncomingMessage, limitBytes: number): Promise<string> {
  return (await readBodyBytes(req, limitBytes)).toString('utf8');
}

/** The whole body as bytes (for binary bodies), or BodyTooLargeError. */
export function readBodyBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  // Events, not `for await`: leaving an async iterator early destroys the request and with it
  // the socket, and then not even the 413 could be sent.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: () => void) => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limitBytes) chunks.push(chunk);
      else if (size > limitBytes + maxDrainBytes) {
        req.pause();
        finish(() => reject(new BodyTooLargeError(limitBytes, true)));
      }
    };
    const onEnd = () =>
      finish(() => (size > limitBytes ? reject(new BodyTooLargeError(limitBytes, false)) : resolve(Buffer.concat(chunks))));
    const onError = (error: Error) => finish(() => reject(error));
    const onClose = () => finish(() => reject(new RequestAbortedError()));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** The client went away before its body ended: there is nobody left to answer. */
export class RequestAbortedError extends Error {
  constructor() {
    super('The client closed the connection before the request body ended');
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(payload ? { 'Content-Type': 'application/json; charset=utf-8' } : {}),
    ...headers,
  });
  res.end(payload);
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match ? match[1].trim() : null;
}

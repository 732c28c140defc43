// HTTP below fetch for the malformed-input suites: bodies sent on one kept-alive connection (to
// see that an error leaves the connection usable), and raw request lines fetch would never send.
import http from 'node:http';
import net from 'node:net';

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /**
   * Which of the agent's connections carried it (1 = the first one opened). Node's own
   * `reusedSocket` is only set when a free socket is waiting at request time, not when the
   * request queued for the socket an earlier response was still releasing, so it says
   * nothing about whether the server kept the connection.
   */
  connection: number;
}

/** Requests in order on one agent with a single kept-alive socket. */
export async function sendInOrderOnOneConnection(
  baseUrl: string,
  requests: { method: string; path: string; headers?: Record<string, string>; body?: string | Buffer }[],
): Promise<RawResponse[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const connectionNumbers = new WeakMap<object, number>();
  let opened = 0;
  const openConnection = agent.createConnection.bind(agent);
  agent.createConnection = (...args: Parameters<typeof openConnection>) => {
    const socket = openConnection(...args);
    if (socket) connectionNumbers.set(socket, ++opened);
    return socket;
  };
  const responses: RawResponse[] = [];
  try {
    for (const request of requests) {
      responses.push(
        await new Promise<RawResponse>((resolve, reject) => {
          const outgoing = http.request(
            new URL(request.path, baseUrl),
            { method: request.method, headers: request.headers, agent },
            (response) => {
              // Read now: a kept-alive socket is detached from the response once it is freed.
              const connection = connectionNumbers.get(response.socket) ?? 0;
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () =>
                resolve({
                  status: response.statusCode ?? 0,
                  headers: response.headers,
                  body: Buffer.concat(chunks).toString('utf8'),
                  connection,
                }),
              );
            },
          );
          outgoing.on('error', reject);
          outgoing.end(request.body);
        }),
      );
    }
  } finally {
    agent.destroy();
  }
  return responses;
}

/** Writes `head` (request line + headers, CRLF-separated, no final blank line) and reads the answer. */
export function rawRequest(baseUrl: string, head: string): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(`${head}\r\nConnection: close\r\n\r\n`));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text }));
  });
}

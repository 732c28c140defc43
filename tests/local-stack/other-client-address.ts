// A fetch whose connections leave from another loopback address (on Linux all of 127.0.0.0/8 is
// this machine): to the stand-in, the requests of another client IP. supabase-js takes it as its
// `global.fetch`; Node's own fetch cannot choose the local address.
import http from 'node:http';

export function fetchFromAddress(localAddress: string): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const headers = Object.fromEntries(request.headers);
      const outgoing = http.request(request.url, { method: request.method, headers, localAddress }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const status = incoming.statusCode ?? 502;
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const item of [value ?? []].flat()) responseHeaders.append(name, item);
          }
          const hasBody = ![204, 304].includes(status);
          resolve(new Response(hasBody ? Buffer.concat(chunks) : null, { status, headers: responseHeaders }));
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}

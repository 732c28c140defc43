// Server rendering: the whole document in one string, sent as one body.
//
// Remix's default entry streams with renderToPipeableStream (through a PassThrough, a web
// ReadableStream and back to the Node response, in many small chunks that remix-serve's
// compression then deflates one by one). No route here defers data or suspends, so streaming
// sends nothing earlier; rendering to a string is cheaper per request (measured in
// docs/decisions/003-catalog-page-latency.md). If a route ever uses `defer`/<Await> or
// Suspense, go back to renderToPipeableStream (the default entry: `npx remix reveal`).
import type { EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToString } from 'react-dom/server';

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const markup = renderToString(<RemixServer context={remixContext} url={request.url} />);
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  return new Response(`<!DOCTYPE html>${markup}`, { status: responseStatusCode, headers: responseHeaders });
}

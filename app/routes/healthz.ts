// Liveness of the app server, and the page benchmark's baseline: answers without touching the
// session, the database or React, so it measures only the Remix server itself.
export function loader() {
  return new Response('ok', {
    status: 200,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

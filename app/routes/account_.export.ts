// "Download my data": everything the store keeps about the signed-in member as one JSON file
// (rpc export_my_data, which reads through RLS, so it can only ever contain the caller's own
// rows). A resource route: no page, just the file; never cached anywhere.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportOwnData } from '~/models/profile.server';
import { requireUser } from '~/utils/auth.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const { supabase, headers } = await requireUser(request);
  const data = await exportOwnData(supabase);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  headers.set('Content-Disposition', `attachment; filename="audio-store-my-data-${new Date().toISOString().slice(0, 10)}.json"`);
  headers.set('Cache-Control', 'private, no-store');
  return new Response(`${JSON.stringify(data, null, 2)}\n`, { status: 200, headers });
}

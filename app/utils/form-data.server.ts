// The one way actions read what was posted. request.formData() throws a TypeError on a body
// that is not a form (JSON, text, no Content-Type) or a multipart body that is cut off or has
// no boundary, and an action that lets it through answers 500. Here those are the client's
// mistake: 415 for the wrong media type, 400 for a form that cannot be read, each with one
// sentence. Thrown as a Response, so the route's error boundary shows it for a page request
// and a fetcher or API client gets the JSON.
// The sentences are English on purpose: the request's language is not known here (and the body
// is for API clients and logs). People never read them: a page request that fails here gets the
// error boundary, which shows its own translated text for the status (common:errorPage.400/500)
// and never the body's `message`.
import { json } from '@remix-run/node';

const formTypes = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * The posted form, or a thrown 415/400. `headers` (e.g. a refreshed session's Set-Cookie from
 * the Supabase client) go out with the refusal too, so a rotated refresh token is not lost.
 */
export async function readFormData(request: Request, headers?: HeadersInit): Promise<FormData> {
  const mediaType = (request.headers.get('Content-Type') ?? '').split(';')[0].trim().toLowerCase();
  if (!formTypes.has(mediaType)) {
    throw json(
      { message: 'Send this form as application/x-www-form-urlencoded or multipart/form-data.' },
      { status: 415, headers },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw json({ message: 'The form data could not be read. Reload the page and try again.' }, { status: 400, headers });
  }
}

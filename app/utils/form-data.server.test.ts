import { describe, expect, it } from 'vitest';
import { readFormData } from './form-data.server';

function post(body: BodyInit | null, contentType?: string): Request {
  return new Request('http://localhost/cart', {
    method: 'POST',
    body,
    headers: contentType ? { 'Content-Type': contentType } : {},
  });
}

async function refusal(request: Request, headers?: HeadersInit): Promise<Response> {
  try {
    await readFormData(request, headers);
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
  throw new Error('readFormData accepted the body');
}

describe('readFormData', () => {
  it('reads url-encoded and multipart forms', async () => {
    expect((await readFormData(post('intent=add&quantity=2', 'application/x-www-form-urlencoded'))).get('quantity')).toBe('2');
    const form = new FormData();
    form.set('intent', 'remove');
    expect((await readFormData(new Request('http://localhost/cart', { method: 'POST', body: form }))).get('intent')).toBe('remove');
  });

  it('refuses other media types with 415 and a sentence', async () => {
    for (const request of [post('{"intent":"add"}', 'application/json'), post('intent=add', 'text/plain'), post('intent=add')]) {
      const response = await refusal(request);
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ message: expect.stringContaining('application/x-www-form-urlencoded') });
    }
  });

  it('refuses a multipart body that is cut off or has no boundary with 400', async () => {
    const truncated = post('--XX\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd', 'multipart/form-data; boundary=XX');
    const noBoundary = post('--XX\r\n\r\n--XX--', 'multipart/form-data');
    for (const request of [truncated, noBoundary]) {
      const response = await refusal(request);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ message: 'The form data could not be read. Reload the page and try again.' });
    }
  });

  it('sends the caller\'s headers (a refreshed session cookie) with the refusal', async () => {
    const response = await refusal(post('{}', 'application/json'), { 'Set-Cookie': 'sb-session=rotated; Path=/' });
    expect(response.headers.get('Set-Cookie')).toBe('sb-session=rotated; Path=/');
  });
});

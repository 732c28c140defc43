// The interaction page: plain server-rendered HTML (no scripts, no external assets) where a
// person picks a preset test identity or types one, as they would sign in at LINE or Kakao.
import { presets, type TestIdentity } from './identities.ts';
import type { ProviderKind } from './secrets.ts';

const providerTitle: Record<ProviderKind, string> = { line: 'LINE', kakao: 'Kakao' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const style = `
body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
h1{font-size:1.4rem} fieldset{border:1px solid #ccc;border-radius:.5rem;margin:1rem 0;padding:1rem}
label{display:block;margin:.5rem 0} input[type=text],input[type=url],input[type=email]{width:100%;padding:.4rem;box-sizing:border-box}
button{padding:.5rem 1rem;margin:.25rem .25rem .25rem 0;border-radius:.4rem;border:1px solid #888;background:#f4f4f4;cursor:pointer}
button.primary{background:#06c755;color:#fff;border-color:#05a046} .kakao button.primary{background:#fee500;color:#191919;border-color:#d9c400}
small{color:#555}`;

export function interactionPage(kind: ProviderKind, uid: string, scopes: string): string {
  const action = `/interaction/${encodeURIComponent(uid)}`;
  const presetButtons = presets
    .map((preset) => `<button type="submit" name="preset" value="${escapeHtml(preset.id)}">${escapeHtml(preset.label)}</button>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Local ${providerTitle[kind]} sign-in</title><style>${style}</style></head>
<body class="${kind}">
<h1>Local ${providerTitle[kind]} (test identity provider)</h1>
<p><small>This page stands in for ${providerTitle[kind]}'s login and consent screens on the local stack.
Scopes asked for: ${escapeHtml(scopes)}</small></p>
<form method="post" action="${action}">
<fieldset><legend>Sign in as a preset person</legend>
${presetButtons}
</fieldset>
</form>
<form method="post" action="${action}">
<fieldset><legend>Or type an identity</legend>
<label>Name <input type="text" name="name" required maxlength="200"></label>
<label>Picture URL <small>(empty: none)</small> <input type="url" name="picture" maxlength="2000"></label>
<label>Email <small>(empty: none, as LINE may send none)</small> <input type="email" name="email" maxlength="255"></label>
<label><input type="checkbox" name="email_verified" value="true"> Email verified</label>
<label>Identity key <small>(optional; the same key signs in as the same account; default: email, else name)</small>
<input type="text" name="key" maxlength="200"></label>
<button class="primary" type="submit" name="custom" value="1">Sign in</button>
</fieldset>
</form>
<form method="post" action="${action}">
<button type="submit" name="cancel" value="1">Cancel (the provider answers access_denied)</button>
</form>
</body></html>`;
}

/** A round avatar with the person's first letter, so presets have a picture without the network. */
export function avatarSvg(name: string): string {
  const letter = escapeHtml([...name.trim()][0] ?? '?');
  const hue = [...name].reduce((sum, c) => sum + (c.codePointAt(0) ?? 0), 0) % 360;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
<circle cx="64" cy="64" r="64" fill="hsl(${hue} 55% 55%)"/>
<text x="64" y="84" font-size="60" text-anchor="middle" fill="#fff" font-family="sans-serif">${letter}</text></svg>`;
}

export type FormChoice = { cancel: true } | { cancel: false; identity: TestIdentity };

/** What the posted form asks for; null when it asks for nothing usable (answered with 400). */
export function readChoice(form: URLSearchParams, pictureBase: string): FormChoice | null {
  if (form.has('cancel')) return { cancel: true };
  const presetId = form.get('preset');
  if (presetId) {
    const preset = presets.find((candidate) => candidate.id === presetId);
    if (!preset) return null;
    const { picture, ...rest } = preset.identity;
    return { cancel: false, identity: { ...rest, picture: picture ? `${pictureBase}/${preset.id}.svg` : null } };
  }
  const name = form.get('name')?.trim() ?? '';
  if (!name) return null;
  const email = form.get('email')?.trim() || null;
  const picture = form.get('picture')?.trim() || null;
  return {
    cancel: false,
    identity: { key: form.get('key')?.trim() ?? '', name, picture, email, emailVerified: form.get('email_verified') === 'true' },
  };
}

// Where email links may send people: the site URL and the additional redirect URLs of
// supabase/config.toml. Anything else falls back to the site URL, so a crafted link cannot turn
// the Auth server into an open redirect.

function globToRegExp(pattern: string): RegExp {
  // `**` crosses path segments and dots, `*` stays within one label or segment.
  const source = pattern
    .split('**')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^./]*'))
    .join('.*');
  return new RegExp(`^${source}$`);
}

function matchesAllowed(candidate: URL, allowed: string): boolean {
  if (allowed.includes('*')) return globToRegExp(allowed).test(candidate.href);
  let base: URL;
  try {
    base = new URL(allowed);
  } catch {
    return false;
  }
  const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return (
    candidate.origin === base.origin &&
    (candidate.pathname === base.pathname || candidate.pathname.startsWith(basePath))
  );
}

export function resolveRedirect(requested: string | null | undefined, siteUrl: string, allowList: string[]): string {
  if (!requested) return siteUrl;
  let candidate: URL;
  try {
    candidate = new URL(requested);
  } catch {
    return siteUrl;
  }
  const allowed = [siteUrl, ...allowList].some((entry) => matchesAllowed(candidate, entry));
  return allowed ? candidate.href : siteUrl;
}

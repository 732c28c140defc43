// After an in-app (client-side) navigation a screen reader hears nothing and keyboard focus is
// left on a link that may no longer exist. This moves focus to the new page's heading (or the
// element the page marks with `data-focus-on-arrival`, e.g. the order page's "order placed"
// message) and announces the page's title in a polite live region. The first load is left
// alone: the browser announces a new document itself.
import { useFetchers, useLocation, useMatches, useNavigation } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';

/**
 * A route module may export `handle: { focusOnQueryChange: false }` when a change of only its
 * query string is a change within the page (a confirmation opened by a link, a sort order),
 * where the page keeps or moves focus itself.
 */
export interface NavigationFocusHandle {
  focusOnQueryChange?: boolean;
}

const ARRIVAL_TARGET = '[data-focus-on-arrival]';

function isSubmission(method: string | undefined): boolean {
  return method !== undefined && method.toUpperCase() !== 'GET';
}

export function NavigationFocus() {
  const location = useLocation();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  const matches = useMatches();
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef<{ pathname: string; search: string } | null>(null);
  // Whether the location is about to change because a form was posted (by a navigation or a
  // fetcher that got a redirect). Recorded while pending, read when the new location renders.
  const submitted = useRef(false);
  const pendingSubmission = (navigation.state !== 'idle' && isSubmission(navigation.formMethod)) || fetchers.some((fetcher) => fetcher.state !== 'idle' && isSubmission(fetcher.formMethod));
  useEffect(() => {
    if (pendingSubmission) submitted.current = true;
    // A plain link or GET form: whatever was posted before stayed on its page.
    else if (navigation.state === 'loading') submitted.current = false;
  }, [pendingSubmission, navigation.state]);

  const keepOnQueryChange = matches.some((match) => (match.handle as NavigationFocusHandle | undefined)?.focusOnQueryChange === false);

  useEffect(() => {
    const before = previous.current;
    const wasSubmission = submitted.current;
    submitted.current = false;
    previous.current = { pathname: location.pathname, search: location.search };
    if (!before) return; // the first load
    const samePath = before.pathname === location.pathname;
    // A post that stays on its page (a refused form, a changed cart line) is answered by the
    // page itself: its error summary or message takes focus, or focus stays on the control.
    if (samePath && wasSubmission) return;
    // A jump to an anchor in the same page.
    if (samePath && before.search === location.search) return;
    if (samePath && keepOnQueryChange) return;

    const arrival = document.querySelector<HTMLElement>(ARRIVAL_TARGET);
    const target = arrival ?? document.querySelector<HTMLElement>('main h1');
    if (target) {
      // Headings are not focusable by default; -1 keeps them out of the Tab order.
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      // Scroll restoration has already put the page where it belongs (top, or where it was on
      // Back); a message the page wants read is brought into view.
      target.focus({ preventScroll: !arrival });
    }
    // Cleared first, so the same title (a new query on the same page) is announced again.
    setAnnouncement('');
    const timer = window.setTimeout(() => setAnnouncement(document.title), 100);
    return () => window.clearTimeout(timer);
    // Only a new location counts, not a re-render of the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.key]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {announcement}
    </div>
  );
}

import { useEffect } from 'react';
import { useLocation } from 'react-router';
import { PAGE_TITLE_ID } from './PageHeading';

/**
 * After a client-side navigation, moves focus to the new page's <h1> (or to the section named by
 * the URL's #hash), so keyboard and screen-reader users start reading the new page, not the
 * link they left. The first page load keeps the browser's own focus unless a #hash names a section.
 */
// Module-level, not a ref: the list page and an agency's layout are different components, and a
// move from one to the other is a navigation too.
const handledKey: { current: string | null } = { current: null };

export function useFocusOnNavigate(ready: boolean): void {
  const { key, hash } = useLocation();

  useEffect(() => {
    if (!ready || handledKey.current === key) return;
    const isFirstPage = handledKey.current === null;
    handledKey.current = key;
    const targetId = hash ? decodeURIComponent(hash.slice(1)) : isFirstPage ? null : PAGE_TITLE_ID;
    const target = targetId ? document.getElementById(targetId) : null;
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }, [key, hash, ready]);
}

import type { ReactNode } from 'react';
import { ForbiddenPage } from '../shell/ForbiddenPage';
import { canOpen, type Section } from './access';
import { useSession } from './SessionContext';

/** Client-side guard for a section; the server still checks every call. */
export function RequireSection({ section, children }: { section: Section; children: ReactNode }) {
  const session = useSession();
  return canOpen(session, section) ? children : <ForbiddenPage />;
}

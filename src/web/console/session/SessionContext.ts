import { createContext, useContext } from 'react';
import type { SessionInfo } from '../../../common/types';

// The guard hands its session down instead of every component reading the query: after logout
// the query turns null at once, and components below the guard must not render in between.
export const SessionContext = createContext<SessionInfo | null>(null);

/** For components rendered inside the signed-in shell, where the guard guarantees a session. */
export function useSession(): SessionInfo {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside of <RequireAuth>');
  return session;
}

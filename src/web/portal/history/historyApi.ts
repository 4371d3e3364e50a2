import { api, apiBlob, saveBlob } from '../../ui/api';

const base = (slug: string) => `/api/public/${encodeURIComponent(slug)}/history-links`;

/** The answer is the same whether or not the address is known (no enumeration of clients). */
export function askHistoryLink(slug: string, email: string): Promise<{ message: string }> {
  return api<{ message: string }>('POST', base(slug), { email });
}

/** Downloads the archive once: the token is spent by a successful download. */
export async function downloadHistory(slug: string, token: string): Promise<void> {
  const { blob, fileName } = await apiBlob('POST', `${base(slug)}/download`, { token });
  saveBlob(blob, fileName ?? 'history.zip');
}

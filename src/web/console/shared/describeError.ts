import type { TFunction } from 'i18next';
import { ApiError } from '../../ui/api';

/**
 * The text to show for a failed call. Known error codes have a translation in `common:errors`
 * (so English users read English); anything else shows the server's own Russian message,
 * which is more precise than a generic "something went wrong".
 */
export function describeError(error: unknown, t: TFunction): string {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}`;
    if (t(key, { ns: 'common', defaultValue: '' })) return t(key, { ns: 'common' });
    return error.message || t('errors.unknown', { ns: 'common' });
  }
  // fetch() rejects with a TypeError when the network is down or the server is unreachable.
  if (error instanceof TypeError) return t('errors.network', { ns: 'common' });
  return t('errors.unknown', { ns: 'common' });
}

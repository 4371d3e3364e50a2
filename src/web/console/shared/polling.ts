import type { QueryFunctionContext } from '@tanstack/react-query';
import { BACKGROUND_POLL_HEADER } from '../../../common/session-activity';

/**
 * Headers for a polling query. Its first fetch follows the person opening a page and counts as
 * their activity; a refetch of data already on screen is the timer's, and is marked so it does not
 * keep an unattended console signed in (ASVS 3.3.2).
 */
export const pollHeaders = ({ client, queryKey }: QueryFunctionContext): Record<string, string> =>
  client.getQueryData(queryKey) === undefined ? {} : { [BACKGROUND_POLL_HEADER]: '1' };

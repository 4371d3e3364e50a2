// What an import (ПОС export, МЭДО container, the Governor's reception) reports per row; the
// server returns it and the console's result table shows it.
export interface ImportRowResult {
  row: number;
  /** `ready` only in a preview: the row would be registered. */
  status: 'ready' | 'created' | 'duplicate' | 'error';
  externalId: string | null;
  requestId?: string;
  number?: string;
  message?: string;
}

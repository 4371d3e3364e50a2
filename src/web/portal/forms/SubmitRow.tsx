import { Alert, Button } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * The send button of a portal form and, under it, the live region that reads a failure out to a
 * screen reader as soon as it appears.
 */
export function SubmitRow({
  label,
  icon,
  sending,
  failure,
}: {
  label: string;
  icon: ReactNode;
  sending: boolean;
  /** The message to show, or null while nothing failed. */
  failure: string | null;
}) {
  return (
    <>
      <Button
        type="submit"
        size="md"
        loading={sending}
        leftSection={icon}
        style={{ alignSelf: 'flex-start' }}
      >
        {label}
      </Button>
      <div role="status" aria-live="polite">
        {failure !== null && (
          <Alert color="red" variant="light">
            {failure}
          </Alert>
        )}
      </div>
    </>
  );
}

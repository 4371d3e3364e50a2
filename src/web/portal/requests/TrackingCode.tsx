import { Button, CopyButton, Group } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import classes from './RequestConfirmation.module.css';

/** The access code, large and monospaced, with «Скопировать» where the browser allows it (https). */
export function TrackingCode({ code }: { code: string }) {
  const { t } = useTranslation('portal');
  const canCopy = typeof navigator !== 'undefined' && Boolean(navigator.clipboard);
  return (
    <Group gap="md" wrap="wrap">
      <span className={classes.code}>{code}</span>
      {canCopy && (
        <CopyButton value={code} timeout={4000}>
          {({ copied, copy }) => (
            <Button
              variant="outline"
              onClick={copy}
              // The visible word stays part of the name (WCAG 2.5.3); the panel is a live region,
              // so «Скопировано» is announced when it appears.
              aria-label={copied ? undefined : t('requests.done.copyLabel')}
              leftSection={
                copied ? (
                  <IconCheck size="1.125rem" aria-hidden="true" />
                ) : (
                  <IconCopy size="1.125rem" aria-hidden="true" />
                )
              }
            >
              {t(copied ? 'requests.done.copied' : 'requests.done.copy')}
            </Button>
          )}
        </CopyButton>
      )}
    </Group>
  );
}

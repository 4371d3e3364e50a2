import { Alert, Button, Text, Textarea } from '@mantine/core';
import { IconLock, IconLockOpen } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientDetail } from '../../../common/clients';
import { canSetLegalHold } from '../session/access';
import { useSession } from '../session/SessionContext';
import { CardSection } from '../shared/CardSection';
import { FormModal } from '../shared/FormModal';
import { collectErrors } from '../shared/fieldErrors';
import { useSaveForm } from '../shared/useSaveForm';
import { useLegalHold } from './clientQueries';

/** A hold keeps the client's history from the retention purge (ARCHITECTURE §3) until lifted. */
export function LegalHoldSection({ client }: { client: ClientDetail }) {
  const { t } = useTranslation('console');
  const session = useSession();
  const [open, setOpen] = useState(false);
  const allowed = canSetLegalHold(session);
  return (
    <CardSection
      title={t('clients.legalHold.title')}
      actions={
        allowed && (
          <Button
            variant="light"
            size="xs"
            leftSection={
              client.legalHold ? <IconLockOpen size={14} aria-hidden /> : <IconLock size={14} aria-hidden />
            }
            onClick={() => setOpen(true)}
          >
            {t(client.legalHold ? 'clients.legalHold.release' : 'clients.legalHold.set')}
          </Button>
        )
      }
    >
      {client.legalHold ? (
        <Alert color="orange" icon={<IconLock size={18} aria-hidden />} title={t('clients.legalHold.on')}>
          {client.legalHoldReason}
        </Alert>
      ) : (
        <Text c="dimmed">{t('clients.legalHold.off')}</Text>
      )}
      {open && <LegalHoldModal client={client} onClose={() => setOpen(false)} />}
    </CardSection>
  );
}

function LegalHoldModal({ client, onClose }: { client: ClientDetail; onClose: () => void }) {
  const { t } = useTranslation('console');
  const form = useSaveForm({ mutation: useLegalHold(client.id), fields: ['reason'], onSaved: onClose });
  const [reason, setReason] = useState('');
  const setting = !client.legalHold;
  const onSubmit = () =>
    form.submit(
      collectErrors({ reason: setting && !reason.trim() ? t('clients.legalHold.reasonRequired') : null }),
      setting ? { legalHold: true, reason: reason.trim() } : { legalHold: false },
    );
  return (
    <FormModal
      title={t(setting ? 'clients.legalHold.set' : 'clients.legalHold.release')}
      onClose={onClose}
      onSubmit={onSubmit}
      formError={form.formError}
      pending={form.pending}
      submitLabel={t(setting ? 'clients.legalHold.set' : 'clients.legalHold.release')}
      intro={<Text>{t(setting ? 'clients.legalHold.setIntro' : 'clients.legalHold.releaseIntro')}</Text>}
    >
      {setting && (
        <Textarea
          label={t('clients.legalHold.reason')}
          description={t('clients.legalHold.reasonHint')}
          required
          autosize
          minRows={2}
          maxLength={1000}
          value={reason}
          error={form.errors.reason}
          onChange={(event) => {
            form.clear('reason');
            setReason(event.currentTarget.value);
          }}
          data-autofocus
        />
      )}
    </FormModal>
  );
}

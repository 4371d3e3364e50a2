import { Divider, Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionContext';
import { PageHeader } from '../shared/PageHeader';
import { ImportPanel } from './ImportPanel';
import { IMPORT_KINDS } from './importQueries';
import { PosAnswersExport } from './PosAnswersExport';
import { PosSecretCard } from './PosSecretCard';

/** «Импорт»: channels without a live protocol of their own (issue 5 p. 6). */
export function ImportsPage() {
  const { t } = useTranslation('console');
  const session = useSession();
  const isAdmin = session.roles.includes('admin');
  return (
    <>
      <PageHeader title={t('imports.title')} description={t('imports.description')} />
      <Tabs defaultValue="pos" keepMounted={false}>
        <Tabs.List>
          {IMPORT_KINDS.map((kind) => (
            <Tabs.Tab key={kind} value={kind}>
              {t(`imports.tabs.${kind}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="pos" pt="md">
          <Stack gap="xl">
            <ImportPanel kind="pos" />
            <Divider />
            <PosAnswersExport />
            {isAdmin && session.currentAgency && (
              <>
                <Divider />
                <PosSecretCard agencySlug={session.currentAgency} />
              </>
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="medo" pt="md">
          <ImportPanel kind="medo" />
        </Tabs.Panel>
        <Tabs.Panel value="governor-reception" pt="md">
          <ImportPanel kind="governor-reception" />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconMailOff, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientContact, ClientDetail } from '../../../common/clients';
import { CardSection } from '../shared/CardSection';
import { ConfirmDeleteModal } from '../shared/ConfirmDeleteModal';
import { RowActions } from '../shared/RowActions';
import { ContactModal } from './ContactModal';
import { useRemoveContact } from './clientQueries';

export function ContactsSection({ client, editable }: { client: ClientDetail; editable: boolean }) {
  const { t } = useTranslation('console');
  const [editing, setEditing] = useState<ClientContact | 'new' | null>(null);
  const [removing, setRemoving] = useState<ClientContact | null>(null);
  const remove = useRemoveContact(client.id);
  const subject = (c: ClientContact) => `${t(`clients.contactKinds.${c.kind}`)} ${c.value}`;

  return (
    <CardSection
      title={t('clients.contacts.title')}
      actions={
        editable && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            {t('clients.contacts.add')}
          </Button>
        )
      }
    >
      {client.contacts.length === 0 ? (
        <Text c="dimmed">{t('clients.contacts.empty')}</Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('clients.contacts.kind')}</Table.Th>
              <Table.Th>{t('clients.contacts.value')}</Table.Th>
              <Table.Th>{t('clients.contacts.source')}</Table.Th>
              {editable && <Table.Th>{t('clients.contacts.actions')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {client.contacts.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>{t(`clients.contactKinds.${contact.kind}`)}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Group gap={6}>
                    {contact.value}
                    {contact.verified && (
                      <Badge
                        color="green.9"
                        variant="light"
                        tt="none"
                        leftSection={<IconCircleCheck size={12} aria-hidden />}
                      >
                        {t('clients.contacts.verifiedBadge')}
                      </Badge>
                    )}
                    {contact.bouncedAt && (
                      <Badge
                        color="red.9"
                        variant="light"
                        tt="none"
                        leftSection={<IconMailOff size={12} aria-hidden />}
                      >
                        {t('clients.contacts.bouncedBadge')}
                      </Badge>
                    )}
                  </Group>
                  {contact.bounceReason && (
                    <Text size="xs" c="dimmed" mt={2}>
                      {t('clients.contacts.bouncedReason', { reason: contact.bounceReason })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {t(`clients.sources.${contact.source}`, { defaultValue: contact.source })}
                </Table.Td>
                {editable && (
                  <Table.Td>
                    <RowActions
                      subject={subject(contact)}
                      onEdit={() => setEditing(contact)}
                      onDelete={() => setRemoving(contact)}
                    />
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && (
        <ContactModal
          clientId={client.id}
          contact={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDeleteModal
        item={removing}
        remove={remove}
        title={t('clients.contacts.removeTitle')}
        message={removing ? t('clients.contacts.removeMessage', { contact: subject(removing) }) : ''}
        deletedMessage={() => t('common:state.deleted')}
        onClose={() => setRemoving(null)}
      />
    </CardSection>
  );
}

import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconLogout, IconShieldLock, IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SignatureModal } from '../kb/SignatureModal';
import { useSession } from '../session/SessionContext';
import { useLogout } from '../session/sessionMutations';
import { TwoFactorModal } from '../twoFactor/TwoFactorModal';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

export function UserMenu() {
  const { t } = useTranslation('console');
  const session = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  const [signing, setSigning] = useState(false);
  const [securing, setSecuring] = useState(false);

  return (
    <>
      <Menu position="bottom-end" width={260}>
        <Menu.Target>
          <UnstyledButton aria-label={t('shell.userMenu', { name: session.user.name })}>
            <Avatar color="blue" radius="xl" size="md">
              {initials(session.user.name)}
            </Avatar>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text fw={600} c="dark" size="sm">
              {session.user.name}
            </Text>
            <Text size="xs">{session.user.email}</Text>
          </Menu.Label>
          <Menu.Divider />
          {session.currentAgency && (
            <Menu.Item leftSection={<IconSignature size={16} aria-hidden />} onClick={() => setSigning(true)}>
              {t('answerTemplates.signature')}
            </Menu.Item>
          )}
          <Menu.Item leftSection={<IconShieldLock size={16} aria-hidden />} onClick={() => setSecuring(true)}>
            {t('twoFactor.title')}
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={onLogout}>
            {t('shell.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {signing && <SignatureModal onClose={() => setSigning(false)} />}
      {securing && <TwoFactorModal onClose={() => setSecuring(false)} />}
    </>
  );
}

import { Button } from '@mantine/core';
import { type Icon, IconPlus } from '@tabler/icons-react';

interface AddButtonProps {
  label: string;
  onClick: () => void;
  icon?: Icon;
}

/** The page header's button that opens the dialog for a new record. */
export function AddButton({ label, onClick, icon: ButtonIcon = IconPlus }: AddButtonProps) {
  return (
    <Button leftSection={<ButtonIcon size={16} aria-hidden />} onClick={onClick}>
      {label}
    </Button>
  );
}

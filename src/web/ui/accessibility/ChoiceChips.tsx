import { Chip, Group } from '@mantine/core';
import type { ReactNode } from 'react';

interface Props<T extends string> {
  name: string;
  legend: string;
  options: readonly T[];
  value: T;
  onChange: (value: T) => void;
  renderLabel: (option: T) => ReactNode;
}

/**
 * One setting as a group of radio chips inside a fieldset: the legend names the group for
 * screen readers, arrow keys move between options, and the chosen one shows a check mark
 * (not colour alone).
 */
export function ChoiceChips<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  renderLabel,
}: Props<T>) {
  return (
    <fieldset className="a11y-panel-fieldset">
      <legend className="a11y-panel-legend">{legend}</legend>
      <Chip.Group value={value} onChange={(next) => onChange(next as T)}>
        <Group gap="xs">
          {options.map((option) => (
            <Chip key={option} value={option} name={name} variant="outline" size="md">
              {renderLabel(option)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </fieldset>
  );
}

import { Anchor, type CSSVariablesResolver, createTheme, type MantineColorsTuple } from '@mantine/core';

// A calm, deep state blue. Shades 7–9 keep at least 6:1 against white, so links and filled
// buttons pass WCAG AA with room to spare; the accessibility mode overrides every shade anyway.
const stateBlue: MantineColorsTuple = [
  '#eef3fa',
  '#dce6f4',
  '#b6cbe8',
  '#8eaedb',
  '#6b94cf',
  '#5383c8',
  '#3f73bd',
  '#2f62a8',
  '#24548f',
  '#1a426f',
];

export const portalTheme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  colors: { blue: stateBlue },
  focusRing: 'auto',
  defaultRadius: 'md',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '700' },
  components: {
    // Links are told apart from text by more than colour (WCAG 1.4.1).
    Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  },
});

// Mantine's default "dimmed" grey (gray-6) is 3.3:1 on white — below AA for body text; so is its
// default error red (red-6), used for the messages under inputs and the text of invalid inputs.
export const portalCssVariables: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-placeholder': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
  },
  dark: {},
});

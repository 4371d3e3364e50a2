import { describe, expect, it } from 'vitest';
import { pageTrail } from './siteStructure';

const label = (page: { key: string }) => page.key;

describe('pageTrail', () => {
  it('puts the home page above a top-level page and nothing above the home page', () => {
    expect(pageTrail('a', 'contacts', label)).toEqual([{ label: 'home', to: '/a/' }]);
    expect(pageTrail('a', 'home', label)).toEqual([]);
  });

  it('walks the parents down to the page', () => {
    expect(pageTrail('a', 'requestStatus', label)).toEqual([
      { label: 'home', to: '/a/' },
      { label: 'requests', to: '/a/requests/new' },
    ]);
  });
});

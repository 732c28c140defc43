import { describe, expect, it } from 'vitest';
import { pickHomeShowcase } from './home-showcase';

const card = (slug: string, isNew = false) => ({ slug, is_new: isNew });

describe('pickHomeShowcase', () => {
  it('features the first new product and puts the other new ones first in the row', () => {
    const { hero, featured } = pickHomeShowcase([
      card('a'),
      card('b', true),
      card('c'),
      card('d', true),
      card('e'),
    ]);
    expect(hero?.slug).toBe('b');
    expect(featured.map((item) => item.slug)).toEqual(['d', 'a', 'c']);
  });

  it('falls back to the first product when nothing is new, and never repeats the hero', () => {
    const { hero, featured } = pickHomeShowcase([card('a'), card('b')]);
    expect(hero?.slug).toBe('a');
    expect(featured.map((item) => item.slug)).toEqual(['b']);
  });

  it('copes with an empty catalog', () => {
    expect(pickHomeShowcase([])).toEqual({ hero: null, featured: [] });
  });
});

/**
 * Which theme an element shows, asked of the host first: the element's `theme` attribute, then the
 * configuration's `theme`, then the colour scheme of the page around it (the CSS `color-scheme`
 * where the element sits, else the page's `<meta name="color-scheme">`). The operating system's
 * preference decides only when the host says nothing, or says it takes both.
 * An element shows the answer as its custom state, `:state(light)` or `:state(dark)`; the base
 * styles set `color-scheme` from it and every colour token follows through `light-dark()`.
 * No Lit here: the launcher, a plain element, uses it too.
 */
export type Theme = 'light' | 'dark';

export const OS_DARK = '(prefers-color-scheme: dark)';

export function hostTheme(el: Element, configured?: string): Theme {
  const chosen = el.getAttribute('theme') || configured;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  const around = el.parentElement ?? (el.getRootNode() as ShadowRoot).host;
  let scheme = around ? getComputedStyle(around).colorScheme : '';
  if (!/light|dark/.test(scheme)) scheme = document.querySelector<HTMLMetaElement>('meta[name=color-scheme]')?.content ?? '';
  const light = /light/.test(scheme);
  if (light !== /dark/.test(scheme)) return light ? 'light' : 'dark';
  return matchMedia(OS_DARK).matches ? 'dark' : 'light';
}

/** Sets the element's theme state from hostTheme(). */
export function showTheme(el: Element, states: CustomStateSet, configured?: string): void {
  const theme = hostTheme(el, configured);
  states.delete(theme === 'dark' ? 'light' : 'dark');
  states.add(theme);
}

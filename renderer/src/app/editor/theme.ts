import type * as Monaco from 'monaco-editor/editor';

// Monaco themes matching the app's --panel colour (styles.css), so the editor does not sit in a
// differently coloured box.
const themes = {
  light: { name: 'reign-light', base: 'vs', background: '#ffffff' },
  dark: { name: 'reign-dark', base: 'vs-dark', background: '#1f2126' },
} as const;

const effectiveTheme = (): 'light' | 'dark' => (document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light');

/**
 * Monaco's theme is global. It follows `<html data-theme>`, which use-theme.ts keeps in step with
 * the setting and the OS, so the editor never needs to know where the theme came from.
 */
export function followAppTheme(monaco: typeof Monaco): () => void {
  for (const theme of Object.values(themes)) {
    monaco.editor.defineTheme(theme.name, { base: theme.base, inherit: true, rules: [], colors: { 'editor.background': theme.background } });
  }
  const apply = (): void => monaco.editor.setTheme(themes[effectiveTheme()].name);
  apply();
  const observer = new MutationObserver(apply);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

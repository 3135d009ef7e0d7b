import { useEffect } from 'react';
import type { Settings } from '../../../preload/contract';

/** Puts the effective theme on <html data-theme>, following the OS when the setting says so. */
export function useTheme(theme: Settings['theme'] | undefined): void {
  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const apply = (): void => {
      const effective = theme === 'light' || theme === 'dark' ? theme : media.matches ? 'dark' : 'light';
      document.documentElement.dataset.theme = effective;
    };
    apply();
    media.addEventListener('change', apply);
    return () => media.removeEventListener('change', apply);
  }, [theme]);
}

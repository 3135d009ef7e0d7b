import type { Slice } from './slice-types';

export const paneIds = ['home', 'chat', 'plan', 'editor', 'terminals', 'resources', 'history', 'settings'] as const;
export type PaneId = (typeof paneIds)[number];

export interface NavigationSlice {
  activePane: PaneId;
  navigate(pane: PaneId): void;
  /** Moves to the next or previous pane, wrapping around. */
  cyclePane(step: 1 | -1): void;
}

export const createNavigationSlice: Slice<NavigationSlice> = () => (set, get) => ({
  // The app opens on the dashboard, as Podman Desktop and Headlamp open on their home.
  activePane: 'home',
  navigate: (pane) => set({ activePane: pane }),
  cyclePane: (step) => {
    const index = paneIds.indexOf(get().activePane);
    set({ activePane: paneIds[(index + step + paneIds.length) % paneIds.length] });
  },
});

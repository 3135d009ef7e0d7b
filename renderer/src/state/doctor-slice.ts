import type { DoctorReport } from '../../../preload/contract';
import type { Slice } from './slice-types';

export interface DoctorSlice {
  doctor: { status: 'idle' | 'loading' | 'loaded' | 'failed'; report: DoctorReport | null; error: string | null };
  runDoctor(): Promise<void>;
}

export const createDoctorSlice: Slice<DoctorSlice> = (api) => (set, get) => ({
  doctor: { status: 'idle', report: null, error: null },
  runDoctor: async () => {
    set({ doctor: { ...get().doctor, status: 'loading', error: null } });
    try {
      const report = await api.commands['doctor.run']({});
      set({ doctor: { status: 'loaded', report, error: null } });
    } catch (error) {
      // Keep the last report on screen; say that refreshing it failed.
      set({ doctor: { ...get().doctor, status: 'failed', error: (error as Error).message } });
    }
  },
});

import type { ConnectionState } from '../transport';
import type { Slice } from './slice-types';

export interface ConnectionSlice {
  connection: ConnectionState;
  setConnection(state: ConnectionState): void;
}

export const createConnectionSlice: Slice<ConnectionSlice> = () => (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
});

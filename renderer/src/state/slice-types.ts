import type { StateCreator } from 'zustand';
import type { ReignApi } from '../../../preload/contract';
import type { AppState } from './app-store';

/** A slice of the app store; actions reach main only through the injected contract API. */
export type Slice<T> = (api: ReignApi) => StateCreator<AppState, [], [], T>;

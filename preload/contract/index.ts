export * from './define';
export * from './settings';
export * from './doctor';
export * from './commands';
export * from './events';
export * from './wire';
export * from './api';
export * from './glob';

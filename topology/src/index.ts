export * from './events';
export * from './services';
export * from './edge';

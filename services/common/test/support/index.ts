export * from './backbone';
export * from './broker-cleanup';
export * from './event-bus';
export * from './http';
export * from './infra';
export * from './poll';
export * from './process';
export * from './tcp-proxy';

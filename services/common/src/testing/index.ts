export * from './call-log';
export * from './duplicate-deliveries';
export * from './tcp-proxy';

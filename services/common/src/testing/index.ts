export * from './call-log';
export * from './duplicate-deliveries';

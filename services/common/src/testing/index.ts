export { type RecordedCall, recordOutboundCalls } from './call-log';
export { duplicateEveryDelivery } from './duplicate-deliveries';
export { TcpProxy } from './tcp-proxy';

import path from 'node:path';
import { recordOutboundCalls } from './call-log';
import { duplicateEveryDelivery } from './duplicate-deliveries';

/*
 * The test hooks of a service process, loaded only by test runs through
 * `NODE_OPTIONS=--require <this file>` before the service's main (production code never imports
 * it, which is why it reads its switches from the environment itself):
 * - CALL_LOG_FILE: append every outbound HTTP call to this file (the topology conformance check);
 * - EVENT_DUPLICATE_DELIVERY=true: every consumed message is delivered twice.
 */
const caller = path.basename(path.resolve(process.argv[1] ?? '', '..', '..'));
const callLog = process.env.CALL_LOG_FILE;
if (callLog) recordOutboundCalls(callLog, caller);
if (process.env.EVENT_DUPLICATE_DELIVERY === 'true') duplicateEveryDelivery();

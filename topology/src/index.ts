export { EVENT_TYPES, type EventType } from './events';
export {
  type Call,
  edges,
  type ServiceName,
  serviceSpec,
  type ServiceSpec,
  type Store,
  topology,
  urlEnvName,
} from './services';
export {
  isPublicRoute,
  JWKS_PATH,
  JWKS_SERVICE,
  JWT_AUDIENCE,
  JWT_ISSUER,
  PUBLIC_API_ROUTES,
  type PublicApiRoute,
} from './edge';
export { type EventLog, orderEventLog, usesOrderEventLog } from './streams';

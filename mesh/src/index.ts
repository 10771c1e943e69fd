export * from './edge-authentication';
export * from './mesh-names';
export * from './mesh-security';
export * from './mesh-telemetry';
export * from './shop-ingress';

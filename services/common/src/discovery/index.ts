export * from './endpoint-slice-registry';
export * from './endpoint-slices';
export * from './kubernetes-client';
export * from './round-robin';

import type * as KubernetesClient from '@kubernetes/client-node' with {
  'resolution-mode': 'import',
};

/** The `@kubernetes/client-node` module (ESM-only, so loaded with `import()` from CommonJS). */
export type KubernetesClientModule = typeof KubernetesClient;
export type KubeConfig = KubernetesClient.KubeConfig;

/**
 * Which API server to talk to: `default` reads the kubeconfig like kubectl does (KUBECONFIG,
 * ~/.kube/config, then the pod's service account in a cluster); `server` names one explicitly.
 */
export type ClusterAccess = 'default' | { readonly server: string; readonly token?: string };

export function loadKubernetesClient(): Promise<KubernetesClientModule> {
  return import('@kubernetes/client-node');
}

export function kubeConfigFor(k8s: KubernetesClientModule, access: ClusterAccess): KubeConfig {
  const config = new k8s.KubeConfig();
  if (access === 'default') {
    config.loadFromDefault();
    return config;
  }
  config.loadFromOptions({
    // client-node refuses plain http unless TLS checks are off; there is no TLS to check then.
    clusters: [
      { name: 'cluster', server: access.server, skipTLSVerify: access.server.startsWith('http:') },
    ],
    users: [{ name: 'user', ...(access.token ? { token: access.token } : {}) }],
    contexts: [{ name: 'context', cluster: 'cluster', user: 'user' }],
    currentContext: 'context',
  });
  return config;
}

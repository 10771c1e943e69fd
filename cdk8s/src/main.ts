import { deliveryOptionsFromEnv } from './config/delivery-options';
import { shopApp } from './shop-app';

/** `node cdk8s/dist/main.js [outdir]`: writes the manifests (default `dist/`). */
shopApp(deliveryOptionsFromEnv(process.env), process.argv[2] ?? 'dist').synth();

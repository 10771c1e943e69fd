import { deliveryOptionsFromEnv } from './config/delivery-options';
import { applyLocalProfile } from './local-profile';
import { shopApp } from './shop-app';

/** `node cdk8s/dist/local-main.js outdir`: the manifests with the local profile (make cluster-demo). */
const app = shopApp(deliveryOptionsFromEnv(process.env), process.argv[2] ?? 'dist-local');
applyLocalProfile(app);
app.synth();

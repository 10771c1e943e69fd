export { ensureDatabase } from './database';
export { KIT_MIGRATIONS_DIR, migrate } from './migrations';
export { createPool, type Pool, type PoolClient, type Queryable, withClient } from './pool';
export { withTransaction } from './transaction';

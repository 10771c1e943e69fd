import type { Step } from './steps';

export interface FerretdbFacts {
  /** A MongoDB `{ping: 1}` on the port succeeds. */
  readonly answers: boolean;
  /** The process in this clone's pid file runs bin/ferretdb. */
  readonly ours: boolean;
  /** Something accepts TCP connections on the port. */
  readonly portTaken: boolean;
  readonly binary: boolean;
}

/** FerretDB on 27017: whatever MongoDB-compatible server answers there is used. */
export function decideFerretdb(f: FerretdbFacts, port: number): Step {
  if (f.answers) {
    return f.ours
      ? { kind: 'ready' }
      : { kind: 'ready', note: 'not started from this clone; using it' };
  }
  if (f.ours) return { kind: 'wait' };
  if (f.portTaken) {
    return {
      kind: 'fail',
      message: `ferretdb: port ${port} is taken by a process that does not answer a MongoDB ping`,
    };
  }
  if (!f.binary) {
    return { kind: 'fail', message: 'ferretdb: bin/ferretdb is missing (make mongo-up builds it)' };
  }
  return { kind: 'start' };
}

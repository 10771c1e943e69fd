/** One jest config for every workspace; TypeScript is transformed by swc (no type check: `tsc --build` does that). */
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }];

module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/topology',
    '<rootDir>/contracts',
    '<rootDir>/services',
    '<rootDir>/tools',
    '<rootDir>/observability',
    '<rootDir>/cdk8s',
    '<rootDir>/e2e',
    '<rootDir>/fuzz',
  ].filter((p) => require('fs').existsSync(p.replace('<rootDir>', __dirname))),
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  // ESM-only packages (jose; @platformatic/kafka; @kubernetes/client-node and the ESM packages it imports) become CommonJS.
  transformIgnorePatterns: [
    '/node_modules/(?!(jose|@kubernetes|@platformatic|openid-client|oauth4webapi|jsonpath-plus|socks-proxy-agent|agent-base|rfc4648)/)',
  ],
  moduleNameMapper: {
    '^@shop/common$': '<rootDir>/services/common/src/index.ts',
    '^@shop/common/telemetry$': '<rootDir>/services/common/src/telemetry/register.ts',
    '^@shop/common/testing$': '<rootDir>/services/common/test/support/index.ts',
    '^@shop/topology$': '<rootDir>/topology/src/index.ts',
    '^@shop/user-contract$': '<rootDir>/contracts/user/src/index.ts',
    '^@shop/mesh$': '<rootDir>/mesh/src/index.ts',
    '^@shop/cdk8s-imports/(.*)$': '<rootDir>/cdk8s/imports/$1.ts',
    '^@shop/observability$': '<rootDir>/observability/src/index.ts',
  },
  testTimeout: 30000,
};

/** One jest config for every workspace; TypeScript is transformed by swc (no type check: `tsc --build` does that). */
const swc = ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/services', '<rootDir>/tools', '<rootDir>/cdk8s', '<rootDir>/e2e'].filter((p) =>
    require('fs').existsSync(p.replace('<rootDir>', __dirname)),
  ),
  testMatch: ['**/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(jose|@kubernetes)/)'],
  moduleNameMapper: {
    '^@shop/common$': '<rootDir>/services/common/src/index.ts',
    '^@shop/common/testing$': '<rootDir>/services/common/test/support/index.ts',
  },
  testTimeout: 30000,
};
